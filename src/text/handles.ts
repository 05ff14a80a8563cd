// @handles: on Weibo and Twitter a message names accounts (@营业厅 @AcmeHelp). What a handle spells is a name, not
// words said — 不知道 in an invented @小镇不知道的事 is no agent saying 不知道 — and a suggestion that replaces a
// clause starts after the handles that open it. One place tells where a handle is, for findings and for wordings.

/** Characters that end a handle: space, another @, a clause or sentence mark (either width). */
const ENDS_HANDLE = /[\s@＠,;:.!?，。？！；：、]/;

/** The longest handle looked back over (Weibo allows 30 characters, Twitter 15). */
const HANDLE_REACH = 30;

/** A handle and the spaces after it, at the start of a text (the handles that open a message, one at a time). */
export const LEADING_HANDLE = /^[@＠][^\s@＠,;:.!?，。？！；：、]+[ \t\u3000\u200b]+/;

/**
 * Whether offset `at` of `text` lies inside an @handle: an @ or ＠ stands before it with none of the marks that end a
 * handle in between, and the @ is not inside an address (kefu@example.com: a Latin letter or digit just before it).
 */
export function insideHandle(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0 && at - i <= HANDLE_REACH + 1; i--) {
    const c = text[i];
    if (c === '@' || c === '＠') return !/[A-Za-z0-9_.+-]/.test(text[i - 1] ?? '');
    if (ENDS_HANDLE.test(c)) return false;
  }
  return false;
}
