// A problem's message follows the script of the file it is about: a Traditional call's problems read Traditional in
// every report (the wordings already did), ruleId staying the key to group by; --explain keeps the pack's script
// unless given a file.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/index.js';
import { detectScript, toScript } from '../../src/text/script.js';
import { runCli, tempDir } from '../helpers.js';

const SIMPLIFIED = '客服: 你好，什么事？\n客户: 你们的服务太差了，账单不对\n客服: 这个我不知道\n';
const TRADITIONAL = '客服: 你好，什麼事？\n客戶: 你們的服務太差了，帳單不對\n客服: 這個我不知道\n';
const HONG_KONG = '客服: 你好，甚麼事？\n客戶: 我的賬單唔對，點解會咁\n客服: 這個我不知道，你們自己裏面查\n';

describe('messages in the transcript\'s script', () => {
  it('lintText: the same problems; the Traditional call\'s messages in Traditional, the Simplified call\'s unchanged', () => {
    const cwd = tempDir();
    const simplified = lintText(SIMPLIFIED, { cwd, filePath: 's.txt' }).messages;
    const traditional = lintText(TRADITIONAL, { cwd, filePath: 't.txt' }).messages;
    expect(traditional.map((m) => [m.ruleId, m.line, m.column])).toEqual(simplified.map((m) => [m.ruleId, m.line, m.column]));
    expect(simplified.find((m) => m.ruleId === 'zh-callcenter/banned-bu-zhidao')?.message).toBe('任何时候不得讲「不知道」，应婉转回答 「不知道」 → 「我先帮您咨询一下」');
    expect(traditional.find((m) => m.ruleId === 'zh-callcenter/banned-bu-zhidao')?.message).toBe('任何時候不得講「不知道」，應婉轉回答 「不知道」 → 「我先幫您諮詢一下」');
    for (const m of traditional) if (detectScript(m.message)) expect(detectScript(m.message), m.message).not.toBe('simplified');
    for (const m of simplified) if (detectScript(m.message)) expect(detectScript(m.message), m.message).toBe('simplified');
    // A count's words too; what the message quotes from the call stays as said.
    expect(traditional.find((m) => m.ruleId === 'zh-callcenter/count-nin')?.message).toMatch(/（本通話 0 次，至少 1 次）$/);
    expect(traditional.find((m) => m.ruleId === 'zh-callcenter/apology-after-complaint')?.message).toBe('客戶抱怨或投訴後須先致歉，例如「很抱歉，給您添麻煩了！」（第 2 行：「服務太差」）');
  });

  it('follows the Traditional standard the call writes in, as its wordings do', () => {
    const messages = lintText(HONG_KONG, { cwd: tempDir(), filePath: 'hk.txt' }).messages;
    const script = detectScript(HONG_KONG)!;
    const ni = messages.find((m) => m.ruleId === 'zh-callcenter/banned-ni');
    expect(ni?.message.startsWith(`${toScript('与客户交流的整个过程要用敬称「您」，不用「你」', script)} 「你」`)).toBe(true);
    expect(ni?.message).toMatch(/^與客戶交流的整個過程要用敬稱「您」/);
  });

  it('json and sarif carry the converted message; the rule id is the same; stylish labels the wording 建議', () => {
    const dir = tempDir({ 't.txt': TRADITIONAL, 's.txt': SIMPLIFIED });
    const [result] = JSON.parse(runCli(['--no-config-lookup', 't.txt', '-f', 'json'], { cwd: dir }).stdout) as { messages: { ruleId: string; message: string }[] }[];
    expect(result.messages.find((m) => m.ruleId === 'zh-callcenter/banned-bu-zhidao')?.message).toBe('任何時候不得講「不知道」，應婉轉回答 「不知道」 → 「我先幫您諮詢一下」');
    const sarif = JSON.parse(runCli(['--no-config-lookup', 't.txt', '-f', 'sarif'], { cwd: dir }).stdout) as { runs: { results: { ruleId: string; message: { text: string } }[] }[] };
    expect(sarif.runs[0].results.find((r) => r.ruleId === 'zh-callcenter/banned-bu-zhidao')?.message.text).toBe('任何時候不得講「不知道」，應婉轉回答 「不知道」 → 「我先幫您諮詢一下」');
    const stylish = runCli(['--no-config-lookup', 't.txt', 's.txt'], { cwd: dir }).stdout;
    expect(stylish).toContain('→ 建議: 我先幫您諮詢一下');
    expect(stylish).toContain('→ 建议: 我先帮您咨询一下');
  });

  it('--explain: in the pack\'s script, or in a file\'s when given one', () => {
    const dir = tempDir({ 't.txt': TRADITIONAL });
    expect(runCli(['--no-config-lookup', '--explain', 'banned-bu-zhidao'], { cwd: dir }).stdout.split('\n')[1]).toBe('任何时候不得讲「不知道」，应婉转回答');
    expect(runCli(['--no-config-lookup', '--explain', 'banned-bu-zhidao', 't.txt'], { cwd: dir }).stdout.split('\n')[1]).toBe('任何時候不得講「不知道」，應婉轉回答');
  });

  it('--explain with a Big5 or UTF-16 file: read as a lint run reads it (it was read as UTF-8 and explained in Simplified)', () => {
    const dir = tempDir({ 'big5.txt': iconv.encode(TRADITIONAL, 'big5'), 'utf16.txt': iconv.encode(TRADITIONAL, 'utf-16le', { addBOM: true }) });
    for (const file of ['big5.txt', 'utf16.txt']) {
      expect(runCli(['--no-config-lookup', '--explain', 'banned-bu-zhidao', file], { cwd: dir }).stdout.split('\n')[1]).toBe('任何時候不得講「不知道」，應婉轉回答');
    }
  });
});

// The words a rule kind adds to its message (a follow's trigger line, a timing's measure and limit, a sequence's
// step) come from the pack: a Chinese pack's messages are Chinese all through, in the file's script; an English
// pack's stay English.
describe('the words a rule kind adds, in the pack\'s language', () => {
  const HOLD_S = '[00:00:01] 客服: 您好，客服128号为您服务，请问有什么可以帮您？\n[00:00:05] 客户: 我的账单不对，多扣了钱\n[00:00:09] 客服: 很抱歉，请稍等，我帮您查询一下\n[00:00:50] 客服: 查到了\n';
  const HOLD_T = '[00:00:01] 客服: 您好，客服128號為您服務，請問有什麼可以幫您？\n[00:00:05] 客戶: 我的帳單不對，多扣了錢\n[00:00:09] 客服: 很抱歉，請稍等，我幫您查詢一下\n[00:00:50] 客服: 查到了\n';
  const CHAT_S = '[10:00:00] 客户: 在吗，我的订单怎么还没到\n[10:02:10] 客服: 您好，请问您的订单号是多少？\n';
  const CHAT_T = '[10:00:00] 客戶: 在嗎，我的訂單怎麼還沒到\n[10:02:10] 客服: 您好，請問您的訂單號是多少？\n';
  const lint = (text: string, pack: string) => lintText(text, { cwd: tempDir(), filePath: 'a.txt', packs: [pack], noConfigLookup: true }).messages;
  const latin = /[A-Za-z]{2,}/;

  it('follow: the trigger\'s line in Chinese, Simplified and Traditional; the quote as said', () => {
    const s = lint(SIMPLIFIED, 'zh-callcenter').find((m) => m.ruleId === 'zh-callcenter/apology-after-complaint')!.message;
    const t = lint(TRADITIONAL, 'zh-callcenter').find((m) => m.ruleId === 'zh-callcenter/apology-after-complaint')!.message;
    expect(s).toBe('客户抱怨或投诉后须先致歉，例如「很抱歉，给您添麻烦了！」（第 2 行：「服务太差」）');
    expect(t).toBe('客戶抱怨或投訴後須先致歉，例如「很抱歉，給您添麻煩了！」（第 2 行：「服務太差」）');
  });

  it('timing: what was measured and the limit in Chinese, Simplified and Traditional', () => {
    const s = lint(HOLD_S, 'zh-callcenter').find((m) => m.ruleId === 'zh-callcenter/hold-return-in-time')!.message;
    const t = lint(HOLD_T, 'zh-callcenter').find((m) => m.ruleId === 'zh-callcenter/hold-return-in-time')!.message;
    expect(s).toMatch(/^等候超过25秒须转回客户说明，.*（客户等候 \d+(\.\d)? 秒后才得到回应；至多 25 秒）$/);
    expect(t).toMatch(/^等候超過25秒須轉回客戶說明，.*（客戶等候 \d+(\.\d)? 秒後才得到回應；至多 25 秒）$/);
    const chatS = lint(CHAT_S, 'zh-chat').filter((m) => m.ruleId?.endsWith('first-response') || m.ruleId?.endsWith('reply-time'));
    const chatT = lint(CHAT_T, 'zh-chat').filter((m) => m.ruleId?.endsWith('first-response') || m.ruleId?.endsWith('reply-time'));
    expect(chatS.map((m) => m.message)).toContain('首次响应须及时：客户发来消息后30秒内回复（客户发来消息 130 秒后才得到回复；至多 30 秒）');
    expect(chatT.map((m) => m.message)).toContain('首次響應須及時：客戶發來消息後30秒內回覆（客戶發來消息 130 秒後才得到回覆；至多 30 秒）');
  });

  it('no English word in any message of a Chinese pack on the Chinese fixtures, in either script', () => {
    for (const pack of ['zh-callcenter', 'zh-chat']) {
      for (const text of [SIMPLIFIED, TRADITIONAL, HONG_KONG, HOLD_S, HOLD_T, CHAT_S, CHAT_T, '客服: 请问有什么可以帮您？您好，客服128号为您服务。\n', '客服: 請問有什麼可以幫您？您好，客服128號為您服務。\n']) {
        for (const m of lint(text, pack)) expect(m.message, `${pack} ${m.ruleId}`).not.toMatch(latin);
      }
    }
  });

  it('an English pack keeps English', () => {
    const en = lint('Agent: Please hold.\nAgent: OK, here it is.\n'.replace(/^/, '[00:00:01] ').replace('\nAgent: OK', '\n[00:01:00] Agent: OK'), 'en-callcenter');
    const follow = lint('Agent: Hello, thank you for calling Acme, this is Sam.\nCustomer: This is ridiculous, you charged me twice.\nAgent: Let me look.\n', 'en-callcenter');
    expect(follow.find((m) => m.ruleId === 'en-callcenter/apology-after-complaint')?.message).toMatch(/ \(line 2: 「[^」]+」\)$/);
    for (const m of en.filter((x) => x.ruleId?.endsWith('hold-return-in-time'))) expect(m.message).toMatch(/\(caller held .* s before being spoken to again; at most \d+ s\)$/);
  });

  it('a config over a Chinese pack inherits its parts (a pii rule names the data in Chinese); a part may be given again; an unknown placeholder is an error', () => {
    const config = 'extends: zh-callcenter\nmessage-parts:\n  step: （第{step}步）\nrules:\n  no-card:\n    kind: pii\n    speaker: agent\n    detect: [bank-card]\n    message: 不得复述完整银行卡号\n  greet-then-ask:\n    kind: sequence\n    speaker: agent\n    steps: [[您好], [请问]]\n    message: 先问候再询问\n';
    const cwd = tempDir({ 'transcript-lint.yaml': config });
    const card = lintText('客服: 您的卡號是6222021234567890128嗎\n', { cwd, filePath: 'a.txt' }).messages.find((m) => m.ruleId === 'config/no-card');
    expect(card?.message).toBe('不得複述完整銀行卡號：銀行卡號');
    // The config's parts are its own rules': the pack's rules keep the pack's.
    const step = lintText('客服: 请问有什么可以帮您？您好，客服128号为您服务。\n', { cwd, filePath: 'b.txt' }).messages;
    expect(step.find((m) => m.ruleId === 'config/greet-then-ask')?.message).toBe('先问候再询问（第2步）');
    expect(step.find((m) => m.ruleId === 'zh-callcenter/opening-order')?.message).toMatch(/（第 3 步，共 3 步）$/);
    const bad = tempDir({ 'transcript-lint.yaml': 'extends: zh-callcenter\nmessage-parts:\n  trigger: （第 {lines} 行）\n' });
    expect(() => lintText('客服: 您好\n', { cwd: bad, filePath: 'a.txt' })).toThrow(/unknown placeholder \{lines\} in trigger/);
  });
});
