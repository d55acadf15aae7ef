import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEEP_DONE_MAILS_MS, retryDelayMs } from '../../api/mail/mail-sender.js';
import { messageIdFor, type MailTransport, smtpTransport } from '../../api/mail/mail-transport.js';
import { type OutgoingMail } from '../../api/mail/mail-outbox.js';
import { stallingSmtpServer } from '../support/smtp-inbox.js';
import { MAIL_FROM, type MailFixture, type MailStores, openMailFixture } from './mail-fixture.js';

const noticeOf = (index: number): OutgoingMail => ({
  key: `notice:event-${index}:user-1`,
  to: `personne${index}@example.test`,
  subject: `Avis n° ${index}`,
  text: `Avis numéro ${index} : réservation « Salle <La Criée> » refusée.`,
  html: `<p>Avis numéro ${index}</p>`,
});

/**
 * What every MailOutbox must do with the sender, written once and run on each storage (the SQLite
 * file, PostgreSQL): `openStores` gives each case fresh, empty storage.
 */
export function describeMailOutbox(name: string, openStores: () => Promise<MailStores>): void {
  describe(`the mail outbox on ${name} and its sender, against a real SMTP server on loopback`, () => {
    let fixture: MailFixture;
    beforeEach(async () => {
      fixture = await openMailFixture(await openStores());
    });
    afterEach(async () => {
      await fixture.dispose();
    });

    it('delivers a queued mail once, in French text and HTML, with a Message-ID derived from its key', async () => {
      const mail = noticeOf(1);
      await fixture.outbox.enqueue(mail, fixture.clock.now().toISOString());

      expect(await fixture.sender().sendDue()).toBe(1);
      const [received] = await fixture.inbox.waitFor(1);
      expect(received).toMatchObject({ to: [mail.to], subject: mail.subject, messageId: messageIdFor(mail.key, MAIL_FROM) });
      expect(received!.text).toContain('Salle <La Criée> » refusée.');
      expect(await fixture.outbox.stateOf(mail.key)).toMatchObject({ attempts: 1, sentAt: fixture.clock.now().toISOString() });
      expect(await fixture.sender().sendDue()).toBe(0);
      expect(fixture.inbox.mails).toHaveLength(1);
    });

    it('queues one mail per key: the same cause queued again is not mailed again, even after it was sent', async () => {
      const now = fixture.clock.now().toISOString();
      expect(await fixture.outbox.enqueue(noticeOf(1), now)).toBe(true);
      expect(await fixture.outbox.enqueue({ ...noticeOf(1), subject: 'Autre' }, now)).toBe(false);
      await fixture.sender().sendDue();
      expect(await fixture.outbox.enqueue(noticeOf(1), now)).toBe(false);
      expect(await fixture.sender().sendDue()).toBe(0);

      expect((await fixture.inbox.waitFor(1)).map((mail) => mail.subject)).toEqual(['Avis n° 1']);
    });

    it('keeps mails while the SMTP server is down, retries with a growing delay, and delivers each exactly once when it is back', async () => {
      await fixture.inbox.stop();
      for (const index of [1, 2, 3]) await fixture.outbox.enqueue(noticeOf(index), fixture.clock.now().toISOString());
      const sender = fixture.sender();

      expect(await sender.sendDue()).toBe(3);
      const firstFailure = await fixture.outbox.stateOf(noticeOf(1).key);
      expect(firstFailure).toMatchObject({ attempts: 1, sentAt: null, abandonedAt: null });
      expect(firstFailure!.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(Date.parse(firstFailure!.nextAttemptAt) - fixture.clock.now().getTime()).toBe(retryDelayMs(1));
      // Not due yet: nothing is tried before the delay has passed.
      expect(await sender.sendDue()).toBe(0);

      fixture.clock.advance(retryDelayMs(1));
      expect(await sender.sendDue()).toBe(3);
      expect(await fixture.outbox.stateOf(noticeOf(2).key)).toMatchObject({ attempts: 2, sentAt: null });
      expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));
      expect(fixture.logger.lines.filter((line) => line.level === 'warn')).toHaveLength(6);

      await fixture.inbox.start();
      fixture.clock.advance(retryDelayMs(2));
      expect(await sender.sendDue()).toBe(3);
      expect(await sender.sendDue()).toBe(0);
      const received = await fixture.inbox.waitFor(3);
      expect(received.map((mail) => mail.subject).sort()).toEqual(['Avis n° 1', 'Avis n° 2', 'Avis n° 3']);
      expect(await fixture.outbox.stateOf(noticeOf(3).key)).toMatchObject({ attempts: 3, sentAt: fixture.clock.now().toISOString() });
    });

    it('sends a mail queued while the sender runs as soon as it is woken, without waiting for its next poll', async () => {
      const sender = fixture.sender();
      sender.start();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await fixture.outbox.enqueue(noticeOf(1), fixture.clock.now().toISOString());
      sender.wake();
      // The fixture's senders poll once a minute: only the wake can have sent it this soon.
      await fixture.inbox.waitFor(1, 5_000);
      expect(fixture.inbox.mails).toHaveLength(1);
    });

    it('leaves a mail claimed by a sender that died to the next sender once the claim runs out; a copy keeps its Message-ID', async () => {
      for (const index of [1, 2, 3, 4]) await fixture.outbox.enqueue(noticeOf(index), fixture.clock.now().toISOString());
      const smtp = smtpTransport(fixture.inbox.url, MAIL_FROM);
      let handed = 0;
      // The first process delivers two mails, then dies just after the server accepted the second:
      // its `markSent` never comes, and it never tries the last two it claimed.
      const dying: MailTransport = {
        async send(mail) {
          handed += 1;
          await smtp.send(mail);
          if (handed === 2) await new Promise(() => undefined);
        },
        close: () => smtp.close(),
      };
      void fixture.sender(dying).sendDue();
      await fixture.inbox.waitFor(2);

      const otherProcess = fixture.sender(undefined, await fixture.openOtherOutbox());
      expect(await otherProcess.sendDue()).toBe(0);
      fixture.clock.advance(60_000);
      expect(await otherProcess.sendDue()).toBe(3);

      const received = await fixture.inbox.waitFor(5);
      const bySubject = new Map<string, typeof received>();
      for (const mail of received) bySubject.set(mail.subject, [...(bySubject.get(mail.subject) ?? []), mail]);
      expect([...bySubject.keys()].sort()).toEqual(['Avis n° 1', 'Avis n° 2', 'Avis n° 3', 'Avis n° 4']);
      expect(bySubject.get('Avis n° 1')).toHaveLength(1);
      const copies = bySubject.get('Avis n° 2')!;
      expect(copies).toHaveLength(2);
      expect(copies[0]!.messageId).toBe(copies[1]!.messageId);
      for (const index of [1, 2, 3, 4]) expect((await fixture.outbox.stateOf(noticeOf(index).key))?.sentAt).not.toBeNull();
    });

    it('gives back, as it stops, the mails a sender claimed and has not tried: the next sender sends them at once, each once', async () => {
      for (const index of [1, 2, 3]) await fixture.outbox.enqueue(noticeOf(index), fixture.clock.now().toISOString());
      const smtp = smtpTransport(fixture.inbox.url, MAIL_FROM);
      let firstHandedOver!: () => void;
      const firstBeingSent = new Promise<void>((resolve) => (firstHandedOver = resolve));
      let letFirstGoOn!: () => void;
      const firstMayGoOn = new Promise<void>((resolve) => (letFirstGoOn = resolve));
      const heldAtFirst: MailTransport = {
        async send(mail) {
          if (mail.key === noticeOf(1).key) {
            firstHandedOver();
            await firstMayGoOn;
          }
          await smtp.send(mail);
        },
        close: () => smtp.close(),
      };
      const stopping = fixture.sender(heldAtFirst);
      stopping.start();
      await firstBeingSent;
      const stopped = stopping.stop();
      letFirstGoOn();
      await stopped;

      expect((await fixture.inbox.waitFor(1)).map((mail) => mail.subject)).toEqual(['Avis n° 1']);
      expect(await fixture.outbox.stateOf(noticeOf(2).key)).toMatchObject({ attempts: 0, sentAt: null, lastError: null });
      // Due at once, the clock unmoved: not left claimed until the claim runs out.
      const otherProcess = fixture.sender(undefined, await fixture.openOtherOutbox());
      expect(await otherProcess.sendDue()).toBe(2);
      const received = await fixture.inbox.waitFor(3);
      expect(received.map((mail) => mail.subject).sort()).toEqual(['Avis n° 1', 'Avis n° 2', 'Avis n° 3']);
      for (const index of [1, 2, 3]) expect(await fixture.outbox.stateOf(noticeOf(index).key)).toMatchObject({ attempts: 1, sentAt: fixture.clock.now().toISOString() });
    });

    it('stops without waiting for an SMTP server that stalls: the mail handed to it stays claimed, the others go back', async () => {
      const stalling = await stallingSmtpServer();
      try {
        for (const index of [1, 2]) await fixture.outbox.enqueue(noticeOf(index), fixture.clock.now().toISOString());
        const stopping = fixture.sender(smtpTransport(stalling.url, MAIL_FROM), fixture.outbox, { stopGraceMs: 200 });
        stopping.start();
        const connection = await stalling.connected;
        await stopping.stop();

        // Stopped while the transport still waits for the server's greeting (10 s before it gives up).
        expect(connection.destroyed).toBe(false);
        const warnings = fixture.logger.lines.filter((line) => line.level === 'warn');
        expect(warnings.map((line) => line.data)).toEqual([expect.objectContaining({ mailKey: noticeOf(1).key })]);
        expect(await fixture.outbox.stateOf(noticeOf(1).key)).toMatchObject({ attempts: 1, sentAt: null });
        expect(await fixture.outbox.stateOf(noticeOf(2).key)).toMatchObject({ attempts: 0, sentAt: null });

        const otherProcess = fixture.sender(undefined, await fixture.openOtherOutbox());
        expect(await otherProcess.sendDue()).toBe(1);
        fixture.clock.advance(60_000);
        expect(await otherProcess.sendDue()).toBe(1);
        expect((await fixture.inbox.waitFor(2)).map((mail) => mail.subject)).toEqual(['Avis n° 2', 'Avis n° 1']);
      } finally {
        await stalling.close();
      }
    });

    it('gives up a mail the SMTP server refuses for good (5xx), and goes on with the others', async () => {
      await fixture.outbox.enqueue(noticeOf(1), fixture.clock.now().toISOString());
      await fixture.outbox.enqueue(noticeOf(2), fixture.clock.now().toISOString());
      const smtp = smtpTransport(fixture.inbox.url, MAIL_FROM);
      const refusingFirst: MailTransport = {
        send: (mail) => (mail.key === noticeOf(1).key ? Promise.reject(Object.assign(new Error('550 No such user'), { responseCode: 550 })) : smtp.send(mail)),
        close: () => smtp.close(),
      };

      expect(await fixture.sender(refusingFirst).sendDue()).toBe(2);
      expect(await fixture.outbox.stateOf(noticeOf(1).key)).toMatchObject({ abandonedAt: fixture.clock.now().toISOString(), lastError: '550 No such user' });
      fixture.clock.advance(retryDelayMs(10));
      expect(await fixture.sender().sendDue()).toBe(0);
      expect((await fixture.inbox.waitFor(1)).map((mail) => mail.subject)).toEqual(['Avis n° 2']);
    });

    it('forgets the mails sent or refused before an instant, and keeps every mail still to send', async () => {
      const at = (offsetMs: number) => new Date(fixture.clock.now().getTime() + offsetMs).toISOString();
      for (const index of [1, 2, 3, 4]) await fixture.outbox.enqueue(noticeOf(index), at(0));
      const [sent, refused, retried] = await fixture.outbox.claimDue(at(0), at(60_000), 3);
      await fixture.outbox.markSent(sent!.id, at(0));
      await fixture.outbox.abandon(refused!.id, '550 No such user', at(0));
      await fixture.outbox.scheduleRetry(retried!.id, 'ECONNREFUSED', at(3_600_000));

      expect(await fixture.outbox.forgetDone(at(0))).toBe(0);
      expect(await fixture.outbox.forgetDone(at(1))).toBe(2);
      expect(await fixture.outbox.stateOf(noticeOf(1).key)).toBeUndefined();
      expect(await fixture.outbox.stateOf(noticeOf(2).key)).toBeUndefined();
      expect(await fixture.outbox.stateOf(noticeOf(3).key)).toMatchObject({ attempts: 1, sentAt: null, lastError: 'ECONNREFUSED' });
      expect(await fixture.outbox.stateOf(noticeOf(4).key)).toMatchObject({ attempts: 0, sentAt: null });
    });

    it('deletes, as it sends, the mails done more than 30 days before, and sends those waiting', async () => {
      await fixture.outbox.enqueue(noticeOf(1), fixture.clock.now().toISOString());
      const sender = fixture.sender();
      expect(await sender.sendDue()).toBe(1);

      fixture.clock.advance(KEEP_DONE_MAILS_MS);
      await fixture.outbox.enqueue(noticeOf(2), fixture.clock.now().toISOString());
      expect(await sender.sendDue()).toBe(1);
      expect(await fixture.outbox.stateOf(noticeOf(1).key)).toMatchObject({ attempts: 1 });

      fixture.clock.advance(3_600_000);
      expect(await sender.sendDue()).toBe(0);
      expect(await fixture.outbox.stateOf(noticeOf(1).key)).toBeUndefined();
      expect(await fixture.outbox.stateOf(noticeOf(2).key)).toMatchObject({ attempts: 1 });
      expect(fixture.logger.lines.filter((line) => line.level === 'info').map((line) => line.data)).toContainEqual({ forgotten: 1 });
      expect((await fixture.inbox.waitFor(2)).map((mail) => mail.subject)).toEqual(['Avis n° 1', 'Avis n° 2']);
    });

    it('deletes the mails not sent yet to an erased person', async () => {
      await fixture.outbox.enqueue(noticeOf(1), fixture.clock.now().toISOString());
      await fixture.outbox.enqueue(noticeOf(2), fixture.clock.now().toISOString());
      await fixture.outbox.forgetRecipient(noticeOf(1).to);

      expect(await fixture.outbox.stateOf(noticeOf(1).key)).toBeUndefined();
      expect(await fixture.sender().sendDue()).toBe(1);
    });
  });
}
