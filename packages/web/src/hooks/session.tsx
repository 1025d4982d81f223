import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { accessToken, ApiError, onSessionEnded } from '../api/client.ts';
import { auth, type User } from '../api/resources.ts';

interface Session {
  user: User | undefined;
  /** Still finding out whether a stored session is valid. */
  checking: boolean;
  /** Set when the session ended under the user (expired, revoked), so sign-in can say why. */
  ended: boolean;
  signIn: (identifier: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | undefined>();
  // The session stored when the app loaded: single sign-on stores a new one while the page is up, then loads the app again.
  const [storedAtLoad] = useState(() => accessToken() !== undefined);
  const [checking, setChecking] = useState(storedAtLoad);
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    if (!storedAtLoad) return;
    auth.me()
      .then(setUser)
      .catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) throw error;
      })
      .finally(() => setChecking(false));
  }, [storedAtLoad]);

  useEffect(() => onSessionEnded(() => {
    setUser(undefined);
    setEnded(true);
  }), []);

  const signIn = useCallback(async (identifier: string, password: string) => {
    setUser(await auth.login(identifier, password));
    setEnded(false);
  }, []);
  const signOut = useCallback(async () => {
    await auth.logout().catch(() => undefined);
    setUser(undefined);
  }, []);

  const value = useMemo(() => ({ user, checking, ended, signIn, signOut }), [user, checking, ended, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}
