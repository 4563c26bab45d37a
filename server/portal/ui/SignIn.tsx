/** The sign-in form: the unit's token from its slip, checked against the server before it is kept. */
import { useState, type FormEvent } from 'react';
import { Button, Field, Input, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { createPortalApi, isWrongToken, type PortalClientOptions } from '../api/client';
import { viPortal as t } from '../i18n/vi';

const useStyles = makeStyles({
  page: { minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: '16px', boxSizing: 'border-box' },
  card: {
    width: '100%', maxWidth: '460px', display: 'flex', flexDirection: 'column', gap: '16px', padding: '28px', boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusXLarge, boxShadow: tokens.shadow16,
  },
  title: { fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  crest: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold, letterSpacing: '0.04em', textTransform: 'uppercase', fontSize: tokens.fontSizeBase200 },
});

export interface SignInProps {
  onSignedIn(token: string): void;
  initialError?: string;
  clientOptions?: Omit<PortalClientOptions, 'token'>;
}

export function SignIn({ onSignedIn, initialError, clientOptions }: SignInProps) {
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
    setBusy(true);
    setError('');
    const answer = await createPortalApi({ ...clientOptions, token: typed }).page();
    setBusy(false);
    if (answer.ok) onSignedIn(typed);
    // Why a token is refused (unknown, revoked, an admin token) is not said: one message for all.
    else setError(isWrongToken(answer.error) ? t.tokenWrong : answer.error.message);
  }

  return (
    <main className={styles.page}>
      <form className={styles.card} onSubmit={submit} aria-labelledby="signin-title" noValidate>
        <Text className={styles.crest}>{t.appTitle}</Text>
        <h1 id="signin-title" className={styles.title}>{t.signInTitle}</h1>
        <Text>{t.signInHint}</Text>
        <Field label={t.tokenLabel} required validationState={error ? 'error' : 'none'} validationMessage={error || undefined}>
          <Input type="password" value={token} onChange={(_, d) => setToken(d.value)} autoComplete="off" autoFocus name="token" />
        </Field>
        {busy && <Spinner size="tiny" label={t.signingIn} />}
        <Button appearance="primary" type="submit" disabled={busy}>{t.signIn}</Button>
      </form>
    </main>
  );
}
