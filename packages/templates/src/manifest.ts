import { z } from 'zod';

export const TEMPLATE_CATEGORIES = ['backend', 'frontend', 'fullstack', 'cli', 'mobile'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

const common = {
  description: z.string().min(1),
  required: z.boolean().optional(),
};

const stringVariable = z.strictObject({
  type: z.literal('string'),
  ...common,
  default: z.string().optional(),
  example: z.string().optional(),
  pattern: z.string().optional(),
  max_length: z.int().positive().optional(),
});
const booleanVariable = z.strictObject({ type: z.literal('boolean'), ...common, default: z.boolean().optional() });
const enumVariable = z.strictObject({
  type: z.literal('enum'),
  ...common,
  options: z.array(z.string().min(1)).min(1),
  default: z.string().optional(),
});
const integerVariable = z.strictObject({
  type: z.literal('integer'),
  ...common,
  default: z.int().optional(),
  example: z.int().optional(),
  min: z.int().optional(),
  max: z.int().optional(),
});

export const variableSpecSchema = z.discriminatedUnion('type', [
  stringVariable,
  booleanVariable,
  enumVariable,
  integerVariable,
]);
export type VariableSpec = z.infer<typeof variableSpecSchema>;

export const manifestSchema = z.strictObject({
  id: z.int().positive(),
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  name: z.string().min(1),
  description: z.string().min(1),
  category: z.enum(TEMPLATE_CATEGORIES),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  created_at: z.iso.datetime(),
  variables: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), variableSpecSchema),
  /** Authored file path → Liquid condition; the file is generated only when the condition holds. */
  conditional_files: z.record(z.string(), z.string().min(1)).default({}),
});
export type TemplateManifest = z.infer<typeof manifestSchema>;
