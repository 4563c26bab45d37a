/** Signed out: the sign-in form. Signed in: the unit's page. A token the server stops accepting signs out. */
import { useCallback, useState } from 'react';
import type { TokenStore } from '../../console/state/session';
import { viPortal as t } from '../i18n/vi';
import { clearToken, loadToken, saveToken, typedUnitCode } from '../state/session';
import { createPortalApi, isWrongToken, type PortalClientOptions } from '../api/client';
import { SignIn } from '../../web/SignIn';
import { UnitPage } from './UnitPage';

export interface AppProps {
  storage: TokenStore;
  /** For tests: the client's fetch and XMLHttpRequest. */
  clientOptions?: Omit<PortalClientOptions, 'token'>;
}

export function App({ storage, clientOptions }: AppProps) {
  const [token, setToken] = useState<string | null>(() => loadToken(storage));
  const [notice, setNotice] = useState('');

  const signedIn = useCallback((value: string) => {
    saveToken(storage, value);
    setNotice('');
    setToken(value);
  }, [storage]);

  const signOut = useCallback((expired: boolean) => {
    clearToken(storage);
    setNotice(expired ? t.sessionExpired : '');
    setToken(null);
  }, [storage]);

  if (!token) {
    return (
      <SignIn
        texts={t}
        check={(typed) => createPortalApi({ ...clientOptions, token: typed }).page()}
        // Why a token is refused (unknown, revoked, an admin token) is not said: one message for all.
        isWrongToken={isWrongToken}
        // The slip prints the unit code above the token: typed instead, it is named as such.
        notAToken={(typed) => {
          const code = typedUnitCode(typed);
          return code === undefined ? undefined : t.tokenIsUnitCode(code);
        }}
        autoComplete="off"
        initialError={notice}
        onSignedIn={signedIn}
      />
    );
  }
  return <UnitPage token={token} clientOptions={clientOptions} onSignOut={() => signOut(false)} onWrongToken={() => signOut(true)} />;
}
