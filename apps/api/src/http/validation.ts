import { ArgumentMetadata, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { ValidationOptions, ValidateBy, buildMessage, isISO8601 } from 'class-validator';
import { InvalidInput, fieldProblems } from './errors';

/** DTO validation for every request: 400 naming each bad field. Unknown fields are dropped. */
export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  transform: true,
  exceptionFactory: (errors) => new InvalidInput(fieldProblems(errors)),
};

export const validationPipe = () => new FastPathValidationPipe(VALIDATION_OPTIONS);

type Dto = new () => object;
/** Per DTO class: each field and the very predicate its decorator validates with. */
const exactShapes = new Map<Dto, [string, (value: unknown) => boolean][]>();

/**
 * A shortcut for a hot DTO whose every field is required and checked by one predicate (issue 13:
 * class-transformer + class-validator were ~4 % of a payment's CPU). A body with exactly these
 * fields, each passing its predicate, is what the full validation accepts unchanged, so it is taken
 * as it is; anything else goes through the full validation, so every 400 stays word for word.
 */
export function exactShape<T extends object>(
  dto: new () => T,
  fields: { [K in keyof T]-?: (value: unknown) => boolean },
): void {
  exactShapes.set(dto, Object.entries(fields) as [string, (value: unknown) => boolean][]);
}

class FastPathValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const shape =
      metadata.type === 'body' && metadata.metatype ? exactShapes.get(metadata.metatype as Dto) : undefined;
    if (shape && takenAsItIs(value, shape))
      return Promise.resolve(Object.assign(new (metadata.metatype as Dto)(), value));
    return super.transform(value, metadata);
  }
}

function takenAsItIs(value: unknown, shape: [string, (value: unknown) => boolean][]): boolean {
  if (!value || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  if (Object.keys(value).length !== shape.length) return false;
  for (const [field, valid] of shape)
    if (!Object.hasOwn(value, field) || !valid((value as Record<string, unknown>)[field])) return false;
  return true;
}

const MAX_MONEY = 1e12;

/** A calendar date `YYYY-MM-DD` that exists. */
export const isBusinessDate = (value: unknown): value is string => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

export const IsBusinessDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isBusinessDate',
      validator: {
        validate: isBusinessDate,
        defaultMessage: buildMessage((each) => `${each}$property must be a date YYYY-MM-DD`, options),
      },
    },
    options,
  );

/** A Monday `YYYY-MM-DD`: the first day of a week of usage facts (API.md). */
export const isMonday = (value: unknown): value is string =>
  isBusinessDate(value) && new Date(`${value}T00:00:00Z`).getUTCDay() === 1;

export const IsMonday = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isMonday',
      validator: {
        validate: isMonday,
        defaultMessage: buildMessage((each) => `${each}$property must be a Monday YYYY-MM-DD`, options),
      },
    },
    options,
  );

/** An ISO-8601 instant with a time zone or Z. */
export const isInstant = (value: unknown): value is string =>
  typeof value === 'string' &&
  isISO8601(value, { strict: true }) &&
  /T\d{2}:\d{2}/.test(value) &&
  /(Z|[+-]\d{2}:?\d{2})$/.test(value) &&
  !Number.isNaN(new Date(value).getTime());

export const IsInstant = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: isInstant,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an ISO-8601 instant with a zone`,
          options,
        ),
      },
    },
    options,
  );

/** Roubles: a positive number below 10^12 with at most 2 decimals. */
export const isMoney = (value: unknown): value is number =>
  typeof value === 'number' &&
  Number.isFinite(value) &&
  value > 0 &&
  value < MAX_MONEY &&
  Math.abs(Math.round(value * 100) - value * 100) < 1e-6;

export const IsMoney = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isMoney',
      validator: {
        validate: isMoney,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a positive amount below 10^12 with at most 2 decimals`,
          options,
        ),
      },
    },
    options,
  );

/** Ids: 1–100 characters, no white space or slash (they travel in paths). */
export const isLedgerId = (value: unknown): value is string =>
  typeof value === 'string' && /^[^\s/?#%]{1,100}$/u.test(value);

export const IsLedgerId = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isLedgerId',
      validator: {
        validate: isLedgerId,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an id of 1 to 100 characters without spaces or / ? # %`,
          options,
        ),
      },
    },
    options,
  );
