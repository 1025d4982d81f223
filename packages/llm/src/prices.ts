import { z } from 'zod';
import bundledPrices from './prices.json' with { type: 'json' };
import { PROVIDERS } from './providers.ts';

const modelPriceSchema = z.strictObject({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
});

const providerPricesSchema = z.strictObject({
  default: modelPriceSchema,
  models: z.record(z.string().min(1), modelPriceSchema),
});

const providerIds = PROVIDERS.map((info) => info.id) as [string, ...string[]];

const priceTableSchema = z.partialRecord(z.enum(providerIds), providerPricesSchema);
const priceOverrideSchema = z.partialRecord(z.enum(providerIds), providerPricesSchema.partial());

/** USD per million tokens. */
export type ModelPrice = z.infer<typeof modelPriceSchema>;
export type ProviderPrices = z.infer<typeof providerPricesSchema>;
/** Prices per provider: a default and exact or prefix-matched models. */
export type PriceTable = Partial<Record<string, ProviderPrices>>;

const PRICES_ENV = 'LLM_PRICES';

/** The bundled price table (src/prices.json). */
export const DEFAULT_PRICES: PriceTable = priceTableSchema.parse(bundledPrices);

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/**
 * The bundled prices with `LLM_PRICES` (JSON of the same shape, any part of it) laid over them;
 * a provider's `models` are merged model by model.
 */
export function loadPriceTable(env: Record<string, string | undefined> = process.env): PriceTable {
  const raw = env[PRICES_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_PRICES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${PRICES_ENV} is not valid JSON: ${(error as Error).message}`);
  }
  const result = priceOverrideSchema.safeParse(parsed);
  if (!result.success) throw new Error(`${PRICES_ENV} is invalid: ${describeIssues(result.error)}`);
  const table: PriceTable = { ...DEFAULT_PRICES };
  for (const [provider, override] of Object.entries(result.data)) {
    if (!override) continue;
    const base = table[provider] ?? { default: { input: 0, output: 0 }, models: {} };
    table[provider] = {
      default: override.default ?? base.default,
      models: { ...base.models, ...override.models },
    };
  }
  return table;
}

/** Price of a model: exact name, else the longest listed prefix (dated versions), else the provider default. */
export function priceFor(prices: PriceTable, provider: string, model: string): ModelPrice {
  const providerPrices = prices[provider];
  if (!providerPrices) return { input: 0, output: 0 };
  const exact = providerPrices.models[model];
  if (exact) return exact;
  let best: { length: number; price: ModelPrice } | undefined;
  for (const [name, price] of Object.entries(providerPrices.models)) {
    if (model.startsWith(name) && (!best || name.length > best.length)) best = { length: name.length, price };
  }
  return best?.price ?? providerPrices.default;
}

/** Cost in USD of a call: tokens × price per million. */
export function computeCost(
  prices: PriceTable,
  provider: string,
  model: string,
  usage: { promptTokens: number; completionTokens: number },
): number {
  const price = priceFor(prices, provider, model);
  const cost = (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
  return Math.round(cost * 1e10) / 1e10;
}
