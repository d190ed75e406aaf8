import { ValidationPipe } from '@nestjs/common';
import { ValidationOptions, ValidateBy, buildMessage, isISO8601 } from 'class-validator';
import { InvalidInput, fieldProblems } from './errors';

/** DTO validation for every request: 400 naming each bad field. Unknown fields are dropped. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    transform: true,
    exceptionFactory: (errors) => new InvalidInput(fieldProblems(errors)),
  });

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
export const IsMoney = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isMoney',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' &&
          Number.isFinite(value) &&
          value > 0 &&
          value < MAX_MONEY &&
          Math.abs(Math.round(value * 100) - value * 100) < 1e-6,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a positive amount below 10^12 with at most 2 decimals`,
          options,
        ),
      },
    },
    options,
  );

/** Ids: 1–100 characters, no white space or slash (they travel in paths). */
export const IsLedgerId = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isLedgerId',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^[^\s/?#%]{1,100}$/u.test(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an id of 1 to 100 characters without spaces or / ? # %`,
          options,
        ),
      },
    },
    options,
  );
