#!/usr/bin/env node
// Generate a corpus of call transcripts like the fixtures: 20–80 turns, Simplified and Traditional script, some
// with timestamps, some breaking the norms (no greeting, rude phrases, no farewell), spread over subfolders.
// usage: node bench/generate-corpus.mjs OUT_DIR COUNT [SEED]     (deterministic for a given seed)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';

const [outDir, countArg, seedArg] = process.argv.slice(2);
if (!outDir || !countArg) {
  console.error('usage: node bench/generate-corpus.mjs OUT_DIR COUNT [SEED]');
  process.exit(2);
}
const count = Number(countArg);
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

const greetings = ['您好，很高兴为您服务，请问有什么可以帮您？', '您好，这里是客户服务中心，请问有什么可以帮到您？', '早上好，请问有什么可以帮您？', '下午好，工号三二七为您服务。'];
const rude = ['什么事？', '听不见，你大声点。', '这个我不知道。', '不说话就挂了啊。'];
const agentLines = [
  '好的，我帮您查询一下，请您稍等。', '感谢您的耐心等待，已经为您查到了。', '请问您的手机号码是多少？', '请您提供一下身份证后四位，我帮您核实身份。',
  '您反映的问题我已经记录下来了，会在二十四小时内给您回复。', '非常抱歉给您带来不便，我们马上为您处理。', '这个套餐每月的费用是五十八元，包含二十G流量。',
  '我这边为您转接到专业的技术人员，好吗？', '请问还有其他可以帮您的吗？', '您的账单已经重新核对过了，多扣的费用会在三个工作日内退回。',
  '好的，明白您的意思了，我再跟您确认一下地址。', '您说的这个情况需要到营业厅办理，请带上身份证原件。', '请您不要着急，我们一定会给您一个满意的答复。',
  '系统显示您的订单已经发货，预计明天下午送达。', '为了保障您的账户安全，请不要把验证码告诉任何人。', '请稍等，我需要跟后台同事确认一下。',
];
const customerLines = [
  '我的账单好像不对，这个月多扣了钱。', '我想问一下我的快递什么时候能到。', '我手机号是一三八一二三四五六七八。', '宽带从昨天晚上开始就上不了网了。',
  '好的，谢谢。', '嗯，是的。', '那大概要多久才能处理好？', '我上次已经打过电话了，一直没有人回复我。', '能不能帮我把套餐换成便宜一点的？',
  '你们这个服务也太慢了吧。', '地址是北京市朝阳区建国路八十八号。', '行，那我等你们的电话。', '我不太明白，你能再说一遍吗？', '没有了，就这些。',
];
const farewells = ['感谢您的来电，祝您生活愉快，再见！', '请问还有其他问题吗？没有的话，再见。', '好的，那就先这样，感谢您的耐心，再见。'];
const nonFarewells = ['好的，那先这样。', '嗯，那您等通知吧。'];

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const traditional = (lines) => lines.map((l) => toTraditional(l));
const scripts = {
  simplified: { agent: '客服', customer: '客户', greetings, rude, agentLines, customerLines, farewells, nonFarewells },
  traditional: {
    agent: '客服', customer: '客戶', greetings: traditional(greetings), rude: traditional(rude), agentLines: traditional(agentLines),
    customerLines: traditional(customerLines), farewells: traditional(farewells), nonFarewells: traditional(nonFarewells),
  },
};

function clock(seconds) {
  const m = Math.floor(seconds / 60);
  return `[${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}]`;
}

function transcript() {
  const s = random() < 0.35 ? scripts.traditional : scripts.simplified;
  const turns = between(20, 80);
  const timed = random() < 0.4;
  const skipGreeting = random() < 0.08;
  const rudeChance = random() < 0.15 ? 0.05 : 0;
  const lines = [];
  let seconds = 0;
  for (let t = 0; t < turns; t++) {
    const agent = t % 2 === 0;
    let text;
    if (t === 0) text = skipGreeting ? pick(s.agentLines) : pick(s.greetings);
    else if (t === turns - 1 || t === turns - 2) text = agent ? (random() < 0.1 ? pick(s.nonFarewells) : pick(s.farewells)) : pick(s.customerLines);
    else if (agent) text = random() < rudeChance ? pick(s.rude) : pick(s.agentLines);
    else text = pick(s.customerLines);
    seconds += between(2, 15);
    lines.push(`${timed ? `${clock(seconds)} ` : ''}${agent ? s.agent : s.customer}: ${text}`);
  }
  return lines.join('\n') + '\n';
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
