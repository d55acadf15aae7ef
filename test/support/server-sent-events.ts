/** One server-sent event as graphql-yoga writes them: its name, and its data, parsed when it is JSON. */
export interface ServerSentEvent {
  event: string;
  data: unknown;
}

/** The event a block of the stream holds; undefined for a keep-alive comment (`:`). */
function eventOf(block: string): ServerSentEvent | undefined {
  const event = /^event:(.*)$/m.exec(block)?.[1]?.trim();
  if (event === undefined) return undefined;
  const data = /^data:(.*)$/m.exec(block)?.[1]?.trim() ?? '';
  return { event, data: data === '' ? '' : JSON.parse(data) as unknown };
}

/** The events of a whole stream, once it has ended. */
export function eventsIn(stream: string): ServerSentEvent[] {
  return stream.split('\n\n').map(eventOf).filter((event) => event !== undefined);
}

/** The events a stream delivers, as they come, until it ends or `reader` is cancelled. */
export async function* serverSentEvents(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<ServerSentEvent, void, undefined> {
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffered += decoder.decode(value, { stream: true });
    const blocks = buffered.split('\n\n');
    buffered = blocks.pop()!;
    for (const block of blocks) {
      const event = eventOf(block);
      if (event) yield event;
    }
  }
}
