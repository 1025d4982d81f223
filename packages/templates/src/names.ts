import { camelCase, kebabCase, pascalCase, snakeCase } from 'change-case';

/** Identifier-style renderings of a name, registered as Liquid filters of the same names. */
export const nameFilters = {
  snake_case: (value: string): string => snakeCase(value),
  kebab_case: (value: string): string => kebabCase(value),
  camel_case: (value: string): string => camelCase(value),
  pascal_case: (value: string): string => pascalCase(value),
} as const;
