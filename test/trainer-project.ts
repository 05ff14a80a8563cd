// A small trainer's project shared by the --fix tests: a config with fixes and suggestions, a script, and the script fixed.
import { SPEAKERS, tempDir } from './helpers.js';

export const CONFIG = `name: t
${SPEAKERS}rules:
  greet:
    kind: required
    speaker: agent
    phrases: [您好, 你好]
    scope: { first-turns: 1 }
    message: 开场须先问候
  what:
    kind: banned
    speaker: agent
    phrases: [什么事]
    suggest: 请问有什么可以帮您？
    fix: [{ replace: 什么事, with: 请问有什么可以帮您？ }]
    message: 不可以说
  idk:
    kind: banned
    speaker: agent
    phrases: [不知道]
    suggest: { 不知道: 我先帮您咨询一下 }
    fix: [{ replace: '(.*?)(?:我也|我)?不知道', with: $1我先帮您咨询一下, span: sentence }]
    message: 不要说
`;

export const SCRIPT = '# 剧本：账单\n客服: 您好，什么事？\n客户: 账单不对\n客服: 这个不知道。  # 备注\n客服: 不知道 # transcript-lint-disable-line idk -- 反面示范\n';
export const FIXED = '# 剧本：账单\n客服: 您好，请问有什么可以帮您？\n客户: 账单不对\n客服: 这个我先帮您咨询一下。  # 备注\n客服: 不知道 # transcript-lint-disable-line idk -- 反面示范\n';

export function project(files: Record<string, string | Uint8Array>): string {
  return tempDir({ 'transcript-lint.yaml': CONFIG, ...files });
}
