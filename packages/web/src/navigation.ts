import type { MessageKey } from './i18n.tsx';

/** One link of the side navigation; `admin` links are shown to administrators only (the server still decides). */
export interface NavEntry {
  to: string;
  label: MessageKey;
  end?: boolean;
  admin?: boolean;
}

export interface NavGroup {
  label: MessageKey;
  entries: NavEntry[];
}
