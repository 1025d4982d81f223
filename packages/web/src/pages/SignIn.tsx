import { type FormEvent, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { auth } from '../api/resources.ts';
import { safeReturnPath, ssoStartUrl } from '../api/sso.ts';
import { Field, FormError } from '../components/ui.tsx';
import { useAction } from '../hooks/resource.ts';
import { useSession } from '../hooks/session.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useI18n } from '../i18n.tsx';

/** The codes the single sign-on callback sends back in `?sso_error=`, each with its own text. */
const SSO_ERRORS = [
  'SSO_STATE_INVALID', 'SSO_PROVIDER_ERROR', 'SSO_TOKEN_INVALID', 'SSO_EMAIL_NOT_ALLOWED', 'SSO_NOT_ENABLED',
  'SSO_ACCOUNT_DISABLED', 'SSO_DISCOVERY_FAILED', 'SSO_SETTINGS_INCOMPLETE', 'SSO_ACCOUNT_CONFLICT', 'SSO_NO_TEAM',
  // The organisation's team_members quota: no seat left for a newcomer.
  'PROJ_003',
] as const;
type SsoErrorCode = (typeof SSO_ERRORS)[number];
const isKnownSsoError = (code: string): code is SsoErrorCode => (SSO_ERRORS as readonly string[]).includes(code);

/** The organisation a password sign-in was refused for: `SSO_REQUIRED`'s detail names its start URL. */
const requiredSlugOf = (error: ApiError) => /\/api\/auth\/sso\/([a-z0-9-]+)\/start/.exec(error.message)?.[1];

export function SignIn({ mode }: { mode: 'signin' | 'register' }) {
  const { t } = useI18n();
  const session = useSession();
  // Kept across the sign-in/register switch so the user still lands where they were going.
  const location = useLocation();
  const [identifier, setIdentifier] = useState('');
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [slug, setSlug] = useState('');
  const action = useAction(async () => {
    if (mode === 'register') {
      await auth.register({ username, email, password });
      await session.signIn(email, password);
      return;
    }
    try {
      await session.signIn(identifier, password);
    } catch (failure) {
      const required = failure instanceof ApiError && failure.errorCode === 'SSO_REQUIRED' ? requiredSlugOf(failure) : undefined;
      if (required) setSlug(required);
      throw failure;
    }
  });
  const ssoRequired = action.error?.errorCode === 'SSO_REQUIRED';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };

  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="auth-top">
          <span className="logo" aria-hidden="true">R</span>
          <LanguageSwitch />
        </div>
        <h1>{mode === 'register' ? t('auth.register') : t('auth.signIn')}</h1>
        <p className="muted">{t('auth.tagline')}</p>
        {session.ended && mode === 'signin' && <div className="banner banner-info" role="status">{t('auth.sessionEnded')}</div>}
        {mode === 'signin' && <SsoError />}
        <form onSubmit={submit} noValidate>
          {mode === 'signin' ? (
            <Field label={t('auth.identifier')} name="username" error={action.error}>
              {(props) => <input {...props} autoComplete="username" value={identifier} onChange={(event) => setIdentifier(event.target.value)} required />}
            </Field>
          ) : (
            <>
              <Field label={t('auth.username')} name="username" error={action.error}>
                {(props) => <input {...props} autoComplete="username" value={username} onChange={(event) => setUsername(event.target.value)} required />}
              </Field>
              <Field label={t('auth.email')} name="email" error={action.error}>
                {(props) => <input {...props} type="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.target.value)} required />}
              </Field>
            </>
          )}
          <Field label={t('auth.password')} name="password" error={action.error} hint={mode === 'register' ? t('auth.passwordHint') : undefined}>
            {(props) => <input {...props} type="password" autoComplete={mode === 'register' ? 'new-password' : 'current-password'} value={password} onChange={(event) => setPassword(event.target.value)} required />}
          </Field>
          {ssoRequired ? <div className="banner banner-info" role="alert">{t('auth.sso.required')}</div> : <FormError error={action.error} />}
          <button type="submit" className="button button-primary button-wide" disabled={action.busy}>
            {mode === 'register' ? t('auth.register') : t('auth.signIn')}
          </button>
        </form>
        {mode === 'signin' && <OrganisationSignIn slug={slug} setSlug={setSlug} />}
        <p className="auth-switch">
          <Link to={mode === 'register' ? '/signin' : '/register'} state={location.state}>{mode === 'register' ? t('auth.haveAccount') : t('auth.noAccount')}</Link>
        </p>
      </div>
    </main>
  );
}

/** The text for the `?sso_error=CODE` the single sign-on callback came back with (the URL carries the code only). */
function SsoError() {
  const { t } = useI18n();
  const code = useSearchParams()[0].get('sso_error');
  if (code === null) return null;
  const message = isKnownSsoError(code)
    ? t(`auth.sso.error.${code}`)
    : t('auth.sso.error.other', { code: /^[A-Z0-9_]{1,64}$/.test(code) ? code : '?' });
  return <div className="banner banner-error" role="alert" data-sso-error={code}>{message}</div>;
}

/** Single sign-on: a full page load to the server, which sends the browser on to the organisation's provider. */
function OrganisationSignIn({ slug, setSlug }: { slug: string; setSlug: (slug: string) => void }) {
  const { t } = useI18n();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    window.location.assign(ssoStartUrl(slug.trim(), safeReturnPath(from)));
  };
  return (
    <section className="auth-sso" aria-labelledby="sso-title">
      <p className="auth-divider"><span>{t('auth.sso.or')}</span></p>
      <h2 id="sso-title">{t('auth.sso.title')}</h2>
      <p className="muted small">{t('auth.sso.text')}</p>
      <form onSubmit={submit} noValidate>
        <Field label={t('auth.sso.slug')} name="organization" hint={t('auth.sso.slugHint')}>
          {(props) => <input {...props} className="mono" autoComplete="organization" autoCapitalize="none" spellCheck={false} value={slug} onChange={(event) => setSlug(event.target.value)} maxLength={100} required />}
        </Field>
        <button type="submit" className="button button-wide" disabled={slug.trim() === ''}>{t('auth.sso.continue')}</button>
      </form>
    </section>
  );
}
