import type { ClientError, ClientResult } from './client';
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
    onSignedIn(token: string): void;
    initialError?: string;
    /** The password field's autocomplete: "current-password" lets a browser keep an admin token; "off" for a shared token. */
    autoComplete: 'current-password' | 'off';
}
export declare function SignIn({ texts: t, check, isWrongToken, onSignedIn, initialError, autoComplete }: SignInProps): import("react").JSX.Element;
