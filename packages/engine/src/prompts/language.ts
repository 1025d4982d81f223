export type Language = 'zh' | 'en';

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[A-Za-z]+/g;

/** Chinese when Han characters make up a real share of the requirement, else English. */
export function detectLanguage(text: string): Language {
  const han = text.match(HAN)?.length ?? 0;
  const words = text.match(LATIN_WORD)?.length ?? 0;
  // A Han character carries about as much as an English word.
  return han > 0 && han >= words * 0.5 ? 'zh' : 'en';
}

/** Picks the text for the workflow's language. */
export function pick(language: Language, texts: { zh: string; en: string }): string {
  return texts[language];
}

/** What an agent sends to the model. */
export interface Prompt {
  system: string;
  user: string;
}

/** The follow-up turn when a reply could not be used. */
export function reaskPrompt(language: Language, reason: string): string {
  return language === 'zh'
    ? `你上一次的回复无法使用：${reason}。\n请按要求的格式重新回复。`
    : `Your previous reply could not be used: ${reason}.\nReply again in the requested format.`;
}
