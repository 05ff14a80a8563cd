// opencc-js ships its dictionaries as plain ES modules without type declarations.
declare module 'opencc-js/dict/TSCharacters' {
  const entries: string;
  export default entries;
}
