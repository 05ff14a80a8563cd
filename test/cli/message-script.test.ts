// A problem's message follows the script of the file it is about: a Traditional call's problems read Traditional in
// every report (the wordings already did), ruleId staying the key to group by; --explain keeps the pack's script
// unless given a file.
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
    expect(traditional.find((m) => m.ruleId === 'zh-callcenter/apology-after-complaint')?.message).toBe('客戶抱怨或投訴後須先致歉，例如「很抱歉，給您添麻煩了！」 (line 2: 「服務太差」)');
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
});
