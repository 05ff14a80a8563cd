#!/usr/bin/env node
// Generate a corpus of call transcripts like the fixtures: 20–80 turns, Simplified and Traditional script, some
// with timestamps, some breaking the norms (no greeting, rude phrases, no farewell), spread over subfolders.
// usage: node bench/generate-corpus.mjs OUT_DIR COUNT [SEED]     (deterministic for a given seed)
//        node bench/generate-corpus.mjs OUT_FILE 100MB [SEED]    (one long timed transcript of that size: calls
//                                                                 back to back, as a day-long recording would be)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';

const [outDir, countArg, seedArg] = process.argv.slice(2);
if (!outDir || !countArg) {
  console.error('usage: node bench/generate-corpus.mjs OUT_DIR COUNT [SEED]  |  OUT_FILE SIZE_MB"MB" [SEED]');
  process.exit(2);
}
const count = Number.parseInt(countArg, 10);
const FILES_PER_FOLDER = 1000;

// mulberry32: a small seeded generator, so that a corpus can be made again identically.
let state = Number(seedArg ?? 1) >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

// Mostly compliant calls (greeting with staff number, offer of help, consent before hold, thanks after it, apology
// after a complaint, "anything else?" and thanks before goodbye), with some calls breaking a norm.
const greetings = ['您好，客服三二七号为您服务，请问有什么可以帮您？', '您好，这里是客户服务中心，八号接待员为您服务，请问有什么可以帮到您？',
  '早上好，工号一零五为您服务，请问有什么可以帮您？', '下午好，客服二一号为您服务，请问有什么可以帮您？'];
const badOpenings = ['您好，请问有什么可以帮您？', '喂，说吧。', '好的，我帮您查询一下。'];
const rude = ['什么事？', '听不见，你大声点。', '这个我不知道。', '不说话就挂了啊。'];
const agentLines = [
  '好的，我帮您查询一下。', '已经为您查到了。', '请问您的手机号码是多少？', '请您提供一下身份证后四位，我帮您核实身份。',
  '您反映的问题我已经记录下来了，会在二十四小时内给您回复。', '这个套餐每月的费用是五十八元，包含二十G流量。',
  '您的账单已经重新核对过了，多扣的费用会在三个工作日内退回。', '好的，明白您的意思了，我再跟您确认一下地址。',
  '您说的这个情况需要到营业厅办理，请带上身份证原件。', '系统显示您的订单已经发货，预计明天下午送达。',
  '为了保障您的账户安全，请不要把验证码告诉任何人。', '好的，这个问题我这边可以直接帮您处理。',
];
const holdAsks = ['我需要跟后台同事确认一下，麻烦您稍等一下，好吗？', '我帮您查看一下，请您稍等，可以吗？'];
const holdReturns = ['谢谢您的耐心等待，已经为您查到了。', '让您久等了，结果已经出来了。'];
const apologies = ['非常抱歉给您带来不便，我们马上为您处理。', '很抱歉给您添麻烦了，您的问题我已经记下了，请放心。'];
const customerLines = [
  '我想问一下我的快递什么时候能到。', '我手机号是一三八一二三四五六七八。', '宽带从昨天晚上开始就上不了网了。',
  '好的，谢谢。', '是的。', '那大概要多久才能处理好？', '能不能帮我把套餐换成便宜一点的？',
  '地址是北京市朝阳区建国路八十八号。', '行，那我等你们的电话。', '我不太明白，你能再说一遍吗？',
];
const complaints = ['我的账单好像不对，这个月多扣了钱，我要投诉。', '你们这个服务也太慢了吧，等了半天。'];
const anythingElse = ['请问还有其他可以帮您的吗？', '请问还有什么问题需要帮您处理吗？'];
const farewells = ['感谢您的来电，祝您生活愉快，再见！', '好的，谢谢您的耐心，再见。'];
const nonFarewells = ['好的，那先这样。', '嗯，那您等通知吧。'];
const customerEnd = ['没有了，就这些。', '没有了，谢谢。'];

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const traditional = (lines) => lines.map((l) => toTraditional(l));
const sets = { greetings, badOpenings, rude, agentLines, holdAsks, holdReturns, apologies, customerLines, complaints, anythingElse, farewells, nonFarewells, customerEnd };
const scripts = {
  simplified: { agent: '客服', customer: '客户', ...sets },
  traditional: { agent: '客服', customer: '客戶', ...Object.fromEntries(Object.entries(sets).map(([k, v]) => [k, traditional(v)])) },
};

function clock(clockSeconds) {
  const seconds = clockSeconds % (100 * 3600); // [hh:mm:ss] has two digits of hours: a long recording's clock wraps
  const m = Math.floor(seconds / 60);
  return `[${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}]`;
}

/** One call; `clockFrom` (seconds) makes it timed, its clock running on from there. */
function transcript(clockFrom) {
  const s = random() < 0.35 ? scripts.traditional : scripts.simplified;
  const turns = between(20, 80);
  const timed = clockFrom !== undefined || random() < 0.4;
  const badOpening = random() < 0.05;
  const rudeChance = random() < 0.1 ? 0.05 : 0;
  const forgetsApology = random() < 0.05;
  const badEnding = random() < 0.05;
  const lines = [];
  let seconds = clockFrom ?? 0;
  let owed; // what the agent's next turn owes: an apology after a complaint, thanks after a hold
  for (let t = 0; t < turns; t++) {
    const agent = t % 2 === 0;
    const left = turns - t;
    let text;
    if (t === 0) text = badOpening ? pick(s.badOpenings) : pick(s.greetings);
    else if (agent && left <= 2) text = badEnding ? pick(s.nonFarewells) : pick(s.farewells);
    else if (agent && left <= 4) text = pick(s.anythingElse);
    else if (!agent && left <= 3) text = pick(s.customerEnd);
    else if (agent && owed) {
      text = owed === 'apology' && forgetsApology ? pick(s.agentLines) : pick(owed === 'apology' ? s.apologies : s.holdReturns);
      owed = undefined;
    } else if (agent) {
      const r = random();
      if (r < rudeChance) text = pick(s.rude);
      else if (r < 0.12) (text = pick(s.holdAsks)), (owed = 'hold');
      else text = pick(s.agentLines);
    } else if (!owed && random() < 0.06) (text = pick(s.complaints)), (owed = 'apology');
    else text = pick(s.customerLines);
    seconds += between(2, 15);
    lines.push(`${timed ? `${clock(seconds)} ` : ''}${agent ? s.agent : s.customer}: ${text}`);
  }
  lastClock = seconds;
  return lines.join('\n') + '\n';
}
let lastClock = 0;

const longMb = /^(\d+(?:\.\d+)?)MB$/i.exec(countArg);
if (longMb) {
  const target = Number(longMb[1]) * 1e6;
  const chunks = [];
  let size = 0;
  while (size < target) {
    const text = transcript(lastClock);
    chunks.push(text);
    size += Buffer.byteLength(text);
  }
  writeFileSync(outDir, chunks.join(''));
  console.error(`generated one transcript of ${(size / 1e6).toFixed(1)} MB in ${outDir}`);
  process.exit(0);
}

let bytes = 0;
for (let i = 0; i < count; i++) {
  const folder = join(outDir, `batch-${String(Math.floor(i / FILES_PER_FOLDER)).padStart(4, '0')}`);
  if (i % FILES_PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
  const text = transcript();
  bytes += Buffer.byteLength(text);
  writeFileSync(join(folder, `call-${String(i).padStart(7, '0')}.txt`), text);
}
console.error(`generated ${count} transcripts (${(bytes / 1e6).toFixed(1)} MB) in ${outDir}`);
