// The built-in packs' word-sense data (issue #11): each class of false alarm found on real chats, with a case the
// pack must leave alone and a case it must still report. The sentences are written here, not copied from real data.
import { describe, expect, it } from 'vitest';
import { builtinLinter, builtinRuleId, builtinRuleLines as linesOf, type PackRuleCase } from '../helpers.js';

const CASES: Record<string, PackRuleCase & { pack: string }> = {
  '"Hope you can understand" asks for understanding as "please understand" does (zh 请谅解): the complaint is answered': {
    rule: 'apology-after-complaint',
    pack: 'en-chat',
    valid: [
      'Customer: Nobody answered my calls all week.\nAgent: Our staff will call you back today. Hope you can understand!',
      'Customer: Nobody answered my calls all week.\nAgent: We hope you will understand, the lines were busy.',
    ],
    invalid: [['Customer: Nobody answered my calls all week.\nAgent: Our staff will call you back today.', [2]]],
  },
  '哎哟喂 is an exclamation, not 喂 said into a silent line (its suggestion wrote 您好，请问可以听得见吗 into a joke)': {
    rule: 'banned-wei-tingbujian',
    pack: 'zh-callcenter',
    valid: [
      '客户: 问题解决了\n客服: 哎哟喂，那太好了！',
      '客户: 問題解決了\n客服: 哎喲喂，那太好了！',
      '客户: 问题解决了\n客服: 哎呀喂，总算好了',
    ],
    invalid: [
      ['客户: 我说的是宽带\n客服: 喂，喂，听得见吗？', [2]],
      ['客户: 我說的是寬帶\n客服: 喂？您那邊聽得見嗎？', [2]],
    ],
  },
  'words inside an @handle are a name, not said (an invented Weibo account @小镇不知道的事): not reported, in either script, as chat or call': {
    rule: 'banned-bu-zhidao',
    pack: 'zh-chat',
    valid: [
      '客户: 在吗\n客服: 您好，@小镇不知道的事 您反映的问题已经记录，请问还有什么可以帮您？',
      '客户: 在嗎\n客服: 您好，@小鎮不知道的事 您反映的問題已經記錄，請問還有什麼可以幫您？',
      '客户: 在吗\n客服: 您好，已转告@小镇不知道的事，请问还有什么可以帮您？',
      '客户: 在吗\n客服: 您好＠小镇不知道的事',
    ],
    invalid: [
      ['客户: 在吗\n客服: @小镇 不知道，您问别人吧', [2]],
      ['客户: 在嗎\n客服: @小鎮 不知道，您問別人吧', [2]],
      ['客户: 在吗\n客服: 发邮件到 kefu@example.com 我也不知道有没有用', [2]],
    ],
  },
  '稍等 / 等待 for an outcome that comes later, anywhere in the message, is not a hold': {
    rule: 'hold-consent',
    pack: 'zh-callcenter',
    valid: [
      '客户: 软件还是打不开\n客服: 您稍等，我已经请技术人员确认了，有结果马上回复您',
      '客户: 手机什么时候到\n客服: 货源紧张，到货后会第一时间为您发货，还请耐心等待一下',
    ],
    invalid: [
      ['客户: 查一下话费\n客服: 请稍等，我查一下处理结果', [2]],
      ['客户: 查一下话费\n客服: 请稍等，我核实后马上回复您', [2]],
      ['客户: 查一下话费\n客服: 请稍等\n客服: 您的话费是五十元', [2]],
    ],
  },
  '有什么需要为您服务的 offers help as 有什么可以帮您 does (a trainer\'s Taiwan-style opening was told it offered none)': {
    rule: 'offer-help',
    pack: 'zh-callcenter',
    valid: [
      '客服: 您好，康泰鑫客服036号为您服务，请问有什么需要为您服务的吗？',
      '客服: 您好，康泰鑫客服036號為您服務，請問有什麼需要為您服務的嗎？',
      '客服: 您好，康泰鑫客服036號為您服務，請問有什麼需要幫您處理的？',
    ],
    invalid: [
      ['客服: 您好，康泰鑫客服036号为您服务。\n客户: 我查话费', [1]],
      ['客服: 您好，康泰鑫客服036號為您服務，您需要什麼？\n客戶: 我查話費', [1]],
    ],
  },
  'asking how to complain asks for the procedure; a grievance beside it is still a complaint (zh)': {
    rule: 'apology-after-complaint',
    pack: 'zh-callcenter',
    valid: ['客户: 半夜收到别家的骚扰短信，我怎么投诉？\n客服: 是同一个号码发来的吗？'],
    invalid: [
      ['客户: 你们服务太差了，我怎么投诉？\n客服: 是同一个号码发来的吗？', [2]],
      ['客户: 我要投诉\n客服: 请讲', [2]],
    ],
  },
  'a promise to look it up or to reply is a reassurance (reassure-after-complaint)': {
    rule: 'reassure-after-complaint',
    pack: 'zh-callcenter',
    valid: [
      '客户: 投诉无门\n客服: 您好，非常抱歉，请提供订单号，小编帮助查询',
      '客户: 问题还没解决\n客服: 很抱歉，已请技术人员确认，有结果马上回复您',
    ],
    invalid: [['客户: 问题还没解决\n客服: 很抱歉', [2]]],
  },
  '我叫 + a person is "I asked someone", not a name': {
    rule: 'address-by-surname',
    pack: 'zh-callcenter',
    valid: ['客户: 于是我叫我朋友用她的手机登录\n客服: 好的，请问有什么可以帮您？', '客户: 我叫她帮我看看\n客服: 好的'],
    invalid: [['客户: 我叫王明\n客服: 好的，请问有什么可以帮您？', [2]]],
  },
  'count-qing: words that only look like asking (是否 in a report, 什么 in an open invitation, 可以…试试, 建议，您 across a comma, a stray ？ after a full stop) leave no place for 请': {
    rule: 'count-qing',
    pack: 'zh-callcenter',
    valid: [
      '客户: 流量能按月统计吗\n客服: 您好，这个设计正在商量是否更改，感谢您的反馈。',
      '客户: 流量能按月統計嗎\n客服: 您好，這個設計正在商量是否更改，感謝您的回饋。',
      '客户: 照片很模糊\n客服: 目前还不支持，只能看后续新版本是否可以改善',
      '客户: 照片很模糊\n客服: 目前還不支援，只能看後續新版本是否可以改善',
      '客户: 你们真棒\n客服: 谢谢，有什么问题随时联系我们',
      '客户: 你們真棒\n客服: 謝謝，有什麼問題隨時聯絡我們',
      '客户: 手机开不了机\n客服: 您好，您可以将手机充上电，长按开机键十秒以上试试。',
      '客户: 手機開不了機\n客服: 您好，您可以將手機充上電，長按開機鍵十秒以上試試。',
      '客户: 希望能改\n客服: 感谢您提出的宝贵建议，您的建议我们会记录反馈。',
      '客户: 希望能改\n客服: 感謝您提出的寶貴建議，您的建議我們會記錄回饋。',
      '客户: 旧版本呢\n客服: 您好，旧版本已下架，欢迎您随时到论坛交流。？',
      '客户: 舊版本呢\n客服: 您好，舊版本已下架，歡迎您隨時到論壇交流。？',
    ],
    invalid: [
      // 是否 asking the caller, 什么 asking what they need, a step asked for, 建议您 said together, a real question.
      ['客户: 我要改套餐\n客服: 您是否需要办理新套餐', [2]],
      ['客户: 我要改套餐\n客服: 您是否需要辦理新套餐', [2]],
      ['客户: 在吗\n客服: 有什么问题', [2]],
      ['客户: 在嗎\n客服: 有什麼問題', [2]],
      ['客户: 手机开不了机\n客服: 您长按开机键十秒试试', [2]],
      ['客户: 手機開不了機\n客服: 您長按開機鍵十秒試試', [2]],
      ['客户: 手机开不了机\n客服: 建议您先充电', [2]],
      ['客户: 手機開不了機\n客服: 建議您先充電', [2]],
      ['客户: 旧版本呢\n客服: 您的系统版本是？', [2]],
      ['客户: 舊版本呢\n客服: 您的系統版本是？', [2]],
    ],
  },
  'count-nin: a stray ？ after a full stop addresses nobody': {
    rule: 'count-nin',
    pack: 'zh-callcenter',
    valid: ['客户: 旧版本呢\n客服: 旧版本已下架。？', '客户: 舊版本呢\n客服: 舊版本已下架。？'],
    invalid: [['客户: 旧版本呢\n客服: 系统版本是？', [2]], ['客户: 舊版本呢\n客服: 系統版本是？', [2]]],
  },
  'asking how to complain asks for the procedure (en)': {
    rule: 'apology-after-complaint',
    pack: 'en-callcenter',
    valid: ['Customer: Another company keeps texting me at 3 am. How can I complain about that?\nAgent: Were they all from the same number?'],
    invalid: [['Customer: Your service is the worst. How can I complain?\nAgent: Were they all from the same number?', [2]]],
  },
  'a grievance about the customer\'s present provider is not one to apologise for': {
    rule: 'apology-after-complaint',
    pack: 'en-callcenter',
    valid: [
      'Customer: When will your home internet come to my town? The only option we have now is another cable company, it is awful\nAgent: Hi! Sign up for the waiting list and we will let you know.',
      'Customer: I want to switch to you, my current carrier is terrible\nAgent: Hi! Here is how to bring your number over.',
    ],
    invalid: [
      ['Customer: Your home internet is awful, the connection drops every hour\nAgent: Hi! Please restart the router.', [2]],
      // Leaving this company is no grievance about another.
      ['Customer: I am switching from you guys, worst service ever\nAgent: Hi! Please DM us your account number.', [2]],
    ],
  },
  '"you should have found / an e-mail" tells what to expect; "you should have called" blames': {
    rule: 'banned-blame',
    pack: 'en-callcenter',
    valid: ['Agent: You should have found options for it. Try to type it again.', 'Agent: You should have an e-mail from us by now.'],
    invalid: [['Agent: You should have called us earlier.', [1]], ['Agent: You should have already read the terms.', [1]]],
  },
  '随便你 (whatever you say) is 斗气语, also once --fix has made it 随便您; 随便您选 offers a free choice': {
    rule: 'banned-buanfan',
    pack: 'zh-callcenter',
    valid: [
      '客户: 哪天来装？\n客服: 周一到周五随便您选，我帮您登记。',
      '客户: 哪天來裝？\n客服: 週一到週五隨便您挑，我幫您登記。',
      '客户: 几点可以来？\n客服: 随便您什么时候来都可以。',
    ],
    invalid: [
      ['客户: 我要投诉你们\n客服: 随便你，你去投诉吧。', [2]],
      ['客户: 我要投訴你們\n客服: 隨便您吧。', [2]],
      ['客户: 那我换别家了\n客服: 随便你怎么说。', [2]],
    ],
  },
  '我怎么知道 answers with a counter-question (反问): the agent does not know and says so rudely': {
    rule: 'banned-fanwen',
    pack: 'zh-callcenter',
    valid: ['客户: 快递到哪了？\n客服: 请稍等，我帮您查一下物流信息，好吗？'],
    invalid: [
      ['客户: 快递到哪了？\n客服: 我怎么知道？您去问快递公司。', [2]],
      ['客户: 快遞到哪了？\n客服: 我怎麼知道，您問快遞吧', [2]],
      ['客户: 快递到哪了？\n客服: 我哪知道啊', [2]],
    ],
  },
  'a 推诿 that sends the customer off alone (你自己去银行问) is reported as pushing off responsibility; a referral with help is not': {
    rule: 'banned-tuixie-zeren',
    pack: 'zh-callcenter',
    valid: [
      '客户: 扣款对不上\n客服: 很抱歉，我先帮您联系银行核实，稍后回复您。',
      '客户: 能自己去营业厅办吗？\n客服: 可以的，您带上身份证自己去营业厅办理就行。',
    ],
    invalid: [
      ['客户: 扣款对不上\n客服: 你自己去银行问。', [2]],
      ['客户: 扣款對不上\n客服: 您自己去銀行問吧。', [2]],
      ['客户: 扣款对不上\n客服: 那您自己去问银行吧', [2]],
    ],
  },
  'a greeting for the season greets (call pack)': {
    rule: 'greet-first',
    pack: 'zh-callcenter',
    valid: ['客服: 新年好，我是客服小王，请问有什么可以帮您？', '客服: 节日快乐！请问有什么可以帮您？'],
    invalid: [['客服: 我是客服小王，请问有什么可以帮您？', [1]]],
  },
};

describe.each(Object.entries(CASES))('%s', (_title, { rule, pack, valid, invalid }) => {
  it.each(valid)('valid: %j', (text) => expect(linesOf(pack, rule, text)).toEqual([]));
  it.each(invalid)('invalid: %j', (text, lines) => expect(linesOf(pack, rule, text)).toEqual(lines));
});

describe('chat packs: a seasonal greeting greets; a chat the agent never answered is not judged for its greeting', () => {
  it.each([
    ['zh-chat', '客户: 宽带还没装好\n客服: 新年好，已关注到您反映的问题，我们马上核实'],
    ['zh-chat', '客户: 宽带还没装好\n客服: 中秋快乐！请私信您的订单号'],
    ['en-chat', 'Customer: My order is late\nAgent: Happy holidays! Could you DM us your order number?'],
    ['en-chat', 'Customer: My order is late\nAgent: Hallo, could you DM us your order number?'],
  ])('%s valid: %j', (pack, text) => {
    expect(linesOf(pack, 'greet-first', text)).toEqual([]);
  });
  it.each([['zh-chat', '客户: 宽带还没装好\n客服: 请私信您的订单号'], ['en-chat', 'Customer: My order is late\nAgent: DM us your order number.']])(
    '%s invalid: %j', (pack, text) => {
      expect(linesOf(pack, 'greet-first', text)).toEqual([2]);
    });
  it.each([['zh-chat', '客户: 在吗\n客户: 宽带还没装好'], ['en-chat', 'Customer: Hello?\nCustomer: My order is late']])(
    '%s: no agent message at all', (pack, text) => {
      const result = builtinLinter(pack).lintText(text);
      expect(result.messages.filter((m) => m.ruleId === builtinRuleId(pack, 'greet-first'))).toEqual([]);
      expect(result.notEvaluated).toContain(builtinRuleId(pack, 'greet-first'));
    });
});
