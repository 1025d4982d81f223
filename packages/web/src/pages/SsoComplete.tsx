import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { storeTokens } from '../api/client.ts';
import { safeReturnPath } from '../api/sso.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Loading } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';

interface SsoResult {
  access_token: string;
  refresh_token: string;
  return_to: string;
}

/** The sign-in result the server's callback put in the fragment (never sent to a server); undefined when it is not whole. */
function readFragment(hash: string): SsoResult | undefined {
  const fragment = new URLSearchParams(hash.replace(/^#/, ''));
  const access = fragment.get('access_token');
  const refresh = fragment.get('refresh_token');
  const expiresIn = fragment.get('expires_in');
  if (!access || !refresh) return undefined;
  if (expiresIn !== null && !(Number(expiresIn) > 0)) return undefined;
  return { access_token: access, refresh_token: refresh, return_to: safeReturnPath(fragment.get('return_to')) };
}

/**
 * `/sso/complete#access_token=…&refresh_token=…&expires_in=…&return_to=…`: keeps the tokens as password sign-in does,
 * takes them out of the address bar and history, and loads the app again (its client reads the stored session) at return_to.
 */
export function SsoComplete() {
  const { t } = useI18n();
  // Read while rendering, before the effect clears the fragment (React runs effects twice in development).
  const [result] = useState(() => readFragment(window.location.hash));
  useEffect(() => {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
    if (!result) return;
    storeTokens(result);
    window.location.replace(result.return_to);
  }, [result]);
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="auth-top">
          <span className="logo" aria-hidden="true">R</span>
          <LanguageSwitch />
        </div>
        <h1>{t('auth.signIn')}</h1>
        {result ? <Loading /> : (
          <>
            <div className="banner banner-error" role="alert">{t('auth.sso.completeFailed')}</div>
            <Link className="button button-primary" to="/signin">{t('auth.sso.backToSignIn')}</Link>
          </>
        )}
      </div>
    </main>
  );
}
