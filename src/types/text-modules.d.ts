// Source files bundled as text (the teaching kernel's asm), so the CLI and the extension need no file access to run it.
declare module '*.asm' {
  const text: string;
  export default text;
}
