import { describe, expect, it } from 'vitest';
import { ConfigurationError, readConfig, readServerConfig } from './config.js';

describe('readServerConfig', () => {
  it('refuses production without MUTUA_PUBLIC_URL, naming it', () => {
    expect(() => readServerConfig({ NODE_ENV: 'production' })).toThrow(ConfigurationError);
    expect(() => readServerConfig({ NODE_ENV: 'production', MUTUA_PUBLIC_URL: ' ' })).toThrow(/MUTUA_PUBLIC_URL/);
  });

  it('takes an http or https address, without its trailing slash', () => {
    expect(readServerConfig({ NODE_ENV: 'production', MUTUA_PUBLIC_URL: 'https://mutua.pole.fr/' }).publicUrl).toBe('https://mutua.pole.fr');
    expect(readServerConfig({ NODE_ENV: 'production', MUTUA_PUBLIC_URL: 'http://10.0.0.5:4000/mutua' }).publicUrl).toBe('http://10.0.0.5:4000/mutua');
  });

  it.each(['mutua.pole.fr', 'javascript:alert(1)', 'ftp://mutua.pole.fr', 'https://mutua.pole.fr/?x=1', 'https://user:secret@mutua.pole.fr'])(
    'refuses %s as MUTUA_PUBLIC_URL', (publicUrl) => {
      expect(() => readServerConfig({ MUTUA_PUBLIC_URL: publicUrl })).toThrow(/MUTUA_PUBLIC_URL is an http or https address/);
    },
  );

  it('leaves development, and the scripts that read the configuration, free to go without it', () => {
    expect(readServerConfig({}).publicUrl).toBeUndefined();
    expect(readConfig({ NODE_ENV: 'production' }).publicUrl).toBeUndefined();
  });
});

describe('the mail settings', () => {
  it('write mails to the log without MUTUA_SMTP_URL, so that a start needs nothing', () => {
    expect(readConfig({}).mail).toEqual({ smtpUrl: undefined, from: 'Mutua <mutua@localhost>' });
  });

  it('take an smtp or smtps address with its sender', () => {
    const env = { MUTUA_SMTP_URL: 'smtps://mutua:secret@smtp.pole.fr:465', MUTUA_MAIL_FROM: 'Pôle <mutua@pole.fr>' };
    expect(readConfig(env).mail).toEqual({ smtpUrl: env.MUTUA_SMTP_URL, from: env.MUTUA_MAIL_FROM });
  });

  it('refuses an SMTP server without a sender, or an address of another kind, without repeating the address', () => {
    expect(() => readConfig({ MUTUA_SMTP_URL: 'smtp://localhost:25' })).toThrow(/needs MUTUA_MAIL_FROM/);
    const refusal = (() => {
      try {
        readConfig({ MUTUA_SMTP_URL: 'https://user:secret@smtp.pole.fr', MUTUA_MAIL_FROM: 'mutua@pole.fr' });
      } catch (error) {
        return error as Error;
      }
    })();
    expect(refusal).toBeInstanceOf(ConfigurationError);
    expect(refusal?.message).not.toContain('secret');
  });
});
