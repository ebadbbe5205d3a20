/** Vite's `?raw` imports: a file's text, e.g. the README a test checks. */
declare module "*?raw" {
  const text: string;
  export default text;
}
