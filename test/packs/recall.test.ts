// The built-in packs' data added where they missed breaches on real chats (eval/recall/): each class of miss with a
// case the pack must now report and a case it must still leave alone, in Simplified and Traditional script. The
// sentences are written here, not copied from real data.
import { describe, expect, it } from 'vitest';
import { Linter } from '../../src/engine/linter.js';
import { ROOT } from '../helpers.js';

const linters = new Map<string, Linter>();
function linter(pack: string): Linter {
  let found = linters.get(pack);
  if (!found) linters.set(pack, (found = Linter.create({ packs: [pack], noConfigLookup: true, cwd: ROOT })));
  return found;
}
const linesOf = (pack: string, rule: string, text: string): number[] =>
  linter(pack).lintText(text).messages.filter((m) => m.ruleId === `zh-callcenter/${rule}`).map((m) => m.line);

interface RecallCase {
  rule: string;
  /** Not a breach of the rule. */
  valid: string[];
  /** A breach, reported on these lines. */
  invalid: [string, number[]][];
}

const CASES: Record<string, RecallCase> = {
  'grumbling (怨有歉声) asks for an apology: words of annoyance, insult and distrust': {
    rule: 'apology-after-complaint',
    valid: [
      '客户: 宽带天天断线，真无语\n客服: 您好，很抱歉给您带来不便，请私信您的宽带账号，我们马上核实。',
      '客户: 這個更新也是醉了，越來越卡\n客服: 您好，給您帶來不便非常抱歉，請問您的系統版本是多少？',
      '客户: 你们的回复像复读机\n客服: 非常抱歉，我们已经记录并反馈给相关部门。',
      // The words that tell of others too are left out: 强行关机 is what the customer did, 欺诈短信 came from a stranger.
      '客户: 手机死机了，我强行关机后就开不了机\n客服: 您好，请您长按电源键十秒试试。',
      '客户: 收到一条欺诈短信，怎么举报？\n客服: 您好，可以发送到12321举报。',
    ],
    invalid: [
      ['客户: 宽带天天断线，真无语\n客服: 您好，请私信您的宽带账号。', [2]],
      ['客户: 这是什么鬼套餐，扣了我两次钱\n客服: 您好，请问您的号码是？', [2]],
      ['客户: 乱扣我的钱，这不是消费陷阱吗？\n客服: 您好，请私信您的号码。', [2]],
      ['客户: 這個更新也是醉了，越來越卡\n客服: 您好，請問您的系統版本是多少？', [2]],
      ['客户: 霸王條款，憑什麼不能退？\n客服: 您好，合約期內不能退。', [2]],
      ['客户: 宽带好了\n客服: 好的\n客户: 每次都是答录机式的回复\n客服: 请私信您的号码', [4]],
    ],
  },
  'grumbling alone does not ask for a commitment to handle it (reassure-after-complaint keeps to complaints)': {
    rule: 'reassure-after-complaint',
    valid: ['客户: 这个新界面也是醉了\n客服: 您好，很抱歉，您可以在设置里切换回旧界面。'],
    invalid: [['客户: 我要投诉你们的维修师傅\n客服: 很抱歉', [2]]],
  },
};

describe.each(Object.entries(CASES))('%s', (_title, { rule, valid, invalid }) => {
  for (const pack of ['zh-callcenter', 'zh-chat']) {
    it.each(valid)(`${pack} valid: %j`, (text) => expect(linesOf(pack, rule, text)).toEqual([]));
    it.each(invalid)(`${pack} invalid: %j`, (text, lines) => expect(linesOf(pack, rule, text)).toEqual(lines));
  }
});
