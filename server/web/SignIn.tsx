/**
 * The sign-in page of both web apps: a token typed (the console's admin token, a unit's token from
 * its slip), checked against the server before the app keeps it. Each app gives its words and
 * its check; a refusal says what to do, in the app's words when the token is wrong and in the
 * server's words otherwise.
 */
import { useState, type FormEvent } from 'react';
import { Button, Field, Input, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import type { ClientError, ClientResult } from './client';

const useStyles = makeStyles({
  page: {
    minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: '16px', boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  card: {
    width: '100%', maxWidth: '460px', display: 'flex', flexDirection: 'column', gap: '16px', padding: '28px', boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusXLarge, boxShadow: tokens.shadow16,
  },
  title: { fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  crest: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold, letterSpacing: '0.04em', textTransform: 'uppercase', fontSize: tokens.fontSizeBase200 },
});

/** The sentences of a sign-in page. */
export interface SignInTexts {
  appTitle: string;
  signInTitle: string;
  signInHint: string;
  tokenLabel: string;
  signIn: string;
  signingIn: string;
  tokenEmpty: string;
  tokenWrong: string;
}

export interface SignInProps {
  texts: SignInTexts;
  /** One request made with the typed token: its success signs in. */
  check(token: string): Promise<ClientResult<unknown>>;
  /** Whether a refusal means the token itself is wrong (then `texts.tokenWrong` is shown, for every reason alike). */
  isWrongToken(error: ClientError): boolean;
  /** What to say, without asking the server, of a typed text that cannot be a token (the portal: a unit code); undefined for a possible token. */
  notAToken?(typed: string): string | undefined;
  onSignedIn(token: string): void;
  initialError?: string;
  /** The password field's autocomplete: "current-password" lets a browser keep an admin token; "off" for a shared token. */
  autoComplete: 'current-password' | 'off';
}

export function SignIn({ texts: t, check, isWrongToken, notAToken, onSignedIn, initialError, autoComplete }: SignInProps) {
  const styles = useStyles();
  const [token, setToken] = useState('');
  const [error, setError] = useState(initialError ?? '');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const typed = token.trim();
    if (typed === '') {
      setError(t.tokenEmpty);
      return;
    }
    const mistake = notAToken?.(typed);
    if (mistake !== undefined) {
      setError(mistake);
      return;
    }
    setBusy(true);
    setError('');
    const answer = await check(typed);
    setBusy(false);
    if (answer.ok) onSignedIn(typed);
    else setError(isWrongToken(answer.error) ? t.tokenWrong : answer.error.message);
  }

  return (
    <main className={styles.page}>
      <form className={styles.card} onSubmit={submit} aria-labelledby="signin-title" noValidate>
        <Text className={styles.crest}>{t.appTitle}</Text>
        <h1 id="signin-title" className={styles.title}>{t.signInTitle}</h1>
        <Text>{t.signInHint}</Text>
        <Field label={t.tokenLabel} required validationState={error ? 'error' : 'none'} validationMessage={error || undefined}>
          <Input type="password" value={token} onChange={(_, d) => setToken(d.value)} autoComplete={autoComplete} autoFocus name="token" />
        </Field>
        {busy && <Spinner size="tiny" label={t.signingIn} />}
        <Button appearance="primary" type="submit" disabled={busy}>{t.signIn}</Button>
      </form>
    </main>
  );
}
