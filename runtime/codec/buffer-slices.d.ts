// Node's Buffer has had these fast, argument-checked-by-caller slices since v0.x; @types/node
// does not declare them. The decoders call them with bounds they have already checked.
declare module 'buffer' {
  interface Buffer {
    latin1Slice(start: number, end: number): string;
    hexSlice(start: number, end: number): string;
    utf8Slice(start: number, end: number): string;
    utf8Write(text: string, offset: number): number;
  }
}
export {};
