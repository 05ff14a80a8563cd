// A small QA folder as analysts have them: a config (its own rules, so that changes to the built-in pack do not
// move these figures) with weights, a critical rule and star thresholds, and calls
// filed by agent (calls/<agent>/<call>.txt), one of them carrying markup that a report must not run.
import { tempDir } from '../helpers.js';

export const DEMO_CONFIG = `name: qa
speakers:
  agent: [客服]
  customer: [客户]
scorecard: { stars: [90, 75, 60, 40], pass: 60 }
rules:
  greet-first:
    kind: required
    speaker: agent
    phrases: [您好]
    scope: { first-turns: 1 }
    message: 开场须先问候，例如「您好，请问有什么可以帮您？」
    source: "001 二(一)1"
  no-shenme-shi:
    kind: banned
    speaker: agent
    phrases: [什么事]
    suggest: 请问有什么可以帮您？
    message: 不可以说
    source: "001 二(一)1"
  farewell-last:
    kind: required
    speaker: agent
    phrases: [再见]
    scope: { last-turns: 1 }
    message: 结束通话须道别「再见」
    source: "000 1.2.8"
  no-evasion:
    kind: banned
    speaker: agent
    phrases: [不知道, 不清楚]
    suggest: { 不知道: 我先帮您咨询一下, 不清楚: 我帮您确认一下 }
    message: 不可推诿
    severity: warn
    source: "004 二星级 2"
    weight: 2
  no-hangup-threat:
    kind: banned
    speaker: agent
    phrases: [不说话就挂了]
    critical: true
    message: 严禁威胁挂断客户
    source: "001 二(一)3"
`;

export const DEMO_CALLS: Record<string, string> = {
  'calls/王芳/0101.txt': '客服: 什么事？\n客户: 我的账单好像不对。\n客服: 这个我不知道。\n客户: 那怎么办？\n客服: 不说话就挂了\n',
  'calls/王芳/0102.txt': '客服: 您好，请问有什么可以帮您？\n客户: 我想查一下话费。\n客服: 不清楚，您自己查吧。\n客户: 好吧。\n客服: 再见\n',
  'calls/李强/0201.txt': '客服: 您好，请问有什么可以帮您？\n客户: 帮我改个套餐。\n客服: 好的，已经为您办理。\n客户: 谢谢。\n客服: 不客气，再见\n',
  'calls/李强/0202.txt': '客服: 您好\n客户: 我要投诉<script>window.pwned = true</script><img src=x onerror="window.pwned=true">\n客服: 什么事？\n客户: 网速太慢。\n客服: 好的，我帮您登记，再见\n',
  'calls/张敏/0301.txt': '客服: 您好，请问有什么可以帮您？\n客户: 宽带坏了。\n客服: 好的，马上为您报修。\n客户: 多久能修好？\n客服: 二十四小时内，再见\n',
  'calls/张敏/0302.txt': '客服: 您好，很高兴为您服务\n客户: 我想开发票。\n客服: 好的，请提供邮箱。\n客户: 发给我吧。\n客服: 已发送，再见\n',
};

/** The demo folder; returns its path. */
export function demoFolder(): string {
  return tempDir({ 'transcript-lint.yaml': DEMO_CONFIG, ...DEMO_CALLS });
}
