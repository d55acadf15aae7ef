import { type OutgoingMail } from './mail-outbox.js';

/** The subject and both bodies of a mail; its key and recipient are the caller's. */
export type MailContent = Pick<OutgoingMail, 'subject' | 'text' | 'html'>;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value put into a mail's HTML goes through this: a name or a reason is text, never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/** A paragraph of the mail: plain sentences, and at most one link, shown as is in the text part. */
export interface Paragraph {
  text: string;
  link?: { label: string; url: string };
}

/** Composes both parts from the same paragraphs, so that the text and the HTML always say the same. */
export function composeMail(subject: string, paragraphs: readonly Paragraph[]): MailContent {
  const text = paragraphs
    .map((paragraph) => (paragraph.link ? `${paragraph.text}\n${paragraph.link.url}` : paragraph.text))
    .concat(SIGNATURE)
    .join('\n\n');
  const htmlParagraphs = paragraphs.map((paragraph) => {
    const link = paragraph.link
      ? `<br><a href="${escapeHtml(paragraph.link.url)}">${escapeHtml(paragraph.link.label)}</a>`
      : '';
    return `<p>${escapeHtml(paragraph.text)}${link}</p>`;
  });
  const html = [
    '<!doctype html>',
    `<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">',
    ...htmlParagraphs,
    `<p style="color: #555">${escapeHtml(SIGNATURE)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

const SIGNATURE = '— Mutua, le registre de coopération du pôle. Ce message est envoyé automatiquement : n’y répondez pas.';

const ROLE_NAMES = {
  COORDINATOR: 'coordination',
  TREASURER: 'trésorerie',
  MEMBER: 'structure membre',
  AUDITOR: 'partenaire (lecture seule)',
} as const;

export function invitationMail(input: {
  link: string; role: keyof typeof ROLE_NAMES; poleName: string | null; validHours: number;
}): MailContent {
  const pole = input.poleName ?? 'votre pôle';
  return composeMail(`Votre compte Mutua – ${pole}`, [
    { text: 'Bonjour,' },
    { text: `La coordination de ${pole} vous a ouvert un compte Mutua (rôle : ${ROLE_NAMES[input.role]}).` },
    {
      text: `Choisissez votre mot de passe en suivant ce lien. Il ne sert qu’une fois et reste valable ${input.validHours} heures :`,
      link: { label: 'Choisir mon mot de passe', url: input.link },
    },
    { text: 'Si vous n’attendiez pas cette invitation, ignorez ce message : sans mot de passe choisi, le compte reste inutilisable.' },
  ]);
}

export function passwordResetMail(input: { link: string; validMinutes: number }): MailContent {
  return composeMail('Mutua : choisir un nouveau mot de passe', [
    { text: 'Bonjour,' },
    {
      text: `Une demande de nouveau mot de passe a été faite pour votre compte Mutua. Ce lien ne sert qu’une fois et reste valable ${input.validMinutes} minutes :`,
      link: { label: 'Choisir un nouveau mot de passe', url: input.link },
    },
    { text: 'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.' },
  ]);
}
