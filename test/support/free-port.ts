import { createServer } from 'node:net';

/** A TCP port on the loopback no process listens on now: the system's pick, released at once for a server a test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No free port on the loopback'))));
    });
  });
}
