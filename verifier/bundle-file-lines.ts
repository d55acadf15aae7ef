import { type BundleLines } from '../api/audit/bundle/verify-bundle.js';

/** A file picked in the browser, as lines, decoded and split as the file streams in. */
export function fileLines(file: Blob): BundleLines {
  return async function* lines() {
    const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
    let pending = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const parts = (pending + value).split('\n');
      pending = parts.pop() ?? '';
      yield* parts.map((line) => line.replace(/\r$/, ''));
    }
    if (pending !== '') yield pending;
  };
}
