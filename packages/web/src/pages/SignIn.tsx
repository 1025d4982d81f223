import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { auth } from '../api/resources.ts';
import { Field, FormError } from '../components/ui.tsx';
import { useAction } from '../hooks/resource.ts';
import { useSession } from '../hooks/session.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useI18n } from '../i18n.tsx';

export function SignIn({ mode }: { mode: 'signin' | 'register' }) {
  const { t } = useI18n();
  const session = useSession();
  // Kept across the sign-in/register switch so the user still lands where they were going.
  const location = useLocation();
  const [identifier, setIdentifier] = useState('');
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(async () => {
    if (mode === 'register') {
      await auth.register({ username, email, password });
      await session.signIn(email, password);
    } else {
      await session.signIn(identifier, password);
    }
  });

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
          <FormError error={action.error} />
          <button type="submit" className="button button-primary button-wide" disabled={action.busy}>
            {mode === 'register' ? t('auth.register') : t('auth.signIn')}
          </button>
        </form>
        <p className="auth-switch">
          <Link to={mode === 'register' ? '/signin' : '/register'} state={location.state}>{mode === 'register' ? t('auth.haveAccount') : t('auth.noAccount')}</Link>
        </p>
      </div>
    </main>
  );
}
