/** The sign-in page: the admin token, checked against the server before it is kept. */
import { useState, type FormEvent } from 'react';
import { Button, Field, Input, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { createApi, type ClientOptions } from '../api/client';
import { BOARD_FIRST_PAGE_QUERY } from '../state/board';
import { viConsole as t } from '../i18n/vi';

const useStyles = makeStyles({
  page: { minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', backgroundColor: tokens.colorNeutralBackground2 },
  card: {
    width: '440px', display: 'flex', flexDirection: 'column', gap: '16px', padding: '32px',
    backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusXLarge, boxShadow: tokens.shadow16,
  },
  title: { fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  crest: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold, letterSpacing: '0.04em', textTransform: 'uppercase', fontSize: tokens.fontSizeBase200 },
});

export interface SignInProps {
  year: number;
  onSignedIn(token: string): void;
  /** For tests: the client's fetch. */
  clientOptions?: Omit<ClientOptions, 'token'>;
  initialError?: string;
}

export function SignIn({ year, onSignedIn, clientOptions, initialError }: SignInProps) {
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
    const answer = await createApi({ ...clientOptions, token: typed }).units(year, BOARD_FIRST_PAGE_QUERY);
    setBusy(false);
    if (answer.ok) onSignedIn(typed);
    else setError(answer.error.kind === 'http' && (answer.error.status === 401 || answer.error.status === 403) ? t.tokenWrong : answer.error.message);
  }

  return (
    <main className={styles.page}>
      <form className={styles.card} onSubmit={submit} aria-labelledby="signin-title" noValidate>
        <Text className={styles.crest}>{t.appTitle}</Text>
        <h1 id="signin-title" className={styles.title}>{t.signInTitle}</h1>
        <Text>{t.signInHint}</Text>
        <Field label={t.tokenLabel} required validationState={error ? 'error' : 'none'} validationMessage={error || undefined}>
          <Input type="password" value={token} onChange={(_, d) => setToken(d.value)} autoComplete="current-password" autoFocus name="token" />
        </Field>
        {busy && <Spinner size="tiny" label={t.signingIn} />}
        <Button appearance="primary" type="submit" disabled={busy}>{t.signIn}</Button>
      </form>
    </main>
  );
}
