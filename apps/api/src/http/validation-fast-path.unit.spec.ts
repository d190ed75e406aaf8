import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { IssueInvoiceDto, RecordPaymentDto } from '../receivables/receivables.dto';
import { VALIDATION_OPTIONS, validationPipe } from './validation';

/** What a pipe makes of a body: the DTO it hands on (class and fields) or the 400 it answers. */
const outcome = async (pipe: ValidationPipe, metatype: new () => object, body: unknown) => {
  try {
    const dto = (await pipe.transform(body, { type: 'body', metatype })) as object;
    return { class: dto.constructor.name, fields: { ...dto } };
  } catch (error) {
    return {
      status: (error as { getStatus(): number }).getStatus(),
      body: (error as { getResponse(): unknown }).getResponse(),
    };
  }
};

const payment = { paymentId: 'pay-1', amount: 1000.5, paidOn: '2026-03-10' };
const SAMPLES: Array<[string, unknown]> = [
  ['exactly right', payment],
  ['fields in another order', { paidOn: '2026-03-10', amount: 1000, paymentId: 'p' }],
  ['an unknown field (dropped)', { ...payment, note: 'x' }],
  ['a field missing', { paymentId: 'pay-1', amount: 1000 }],
  ['a field undefined', { ...payment, paidOn: undefined }],
  ['an id with a slash', { ...payment, paymentId: 'a/b' }],
  ['an id of 101 characters', { ...payment, paymentId: 'x'.repeat(101) }],
  ['a zero amount', { ...payment, amount: 0 }],
  ['three decimals', { ...payment, amount: 1.005 }],
  ['an amount as a string', { ...payment, amount: '1000' }],
  ['a date that does not exist', { ...payment, paidOn: '2026-02-30' }],
  ['an instant for a date', { ...payment, paidOn: '2026-03-10T00:00:00Z' }],
  ['every field wrong', { paymentId: '', amount: -1, paidOn: 'soon' }],
  ['an array', [payment]],
  ['null', null],
  ['a string', 'payment'],
  ['a __proto__ key', JSON.parse('{"paymentId":"p","amount":1,"paidOn":"2026-03-10","__proto__":{"x":1}}')],
];

describe('the validation shortcut for hot DTOs gives what the full validation gives', () => {
  const fast = validationPipe();
  const full = new ValidationPipe(VALIDATION_OPTIONS);

  it.each(SAMPLES)('payment body: %s', async (_name, body) => {
    const expected = await outcome(full, RecordPaymentDto, body);
    expect(await outcome(fast, RecordPaymentDto, body)).toEqual(expected);
  });

  it('hands on an instance of the DTO with the body’s fields', async () => {
    const dto = await fast.transform({ ...payment }, { type: 'body', metatype: RecordPaymentDto });
    expect(dto).toBeInstanceOf(RecordPaymentDto);
    expect(dto).toEqual(Object.assign(new RecordPaymentDto(), payment));
  });

  it.each([
    ['exactly right', { invoiceId: 'inv-1', amount: 10000, issuedOn: '2026-04-01' }],
    ['a bad date', { invoiceId: 'inv-1', amount: 10000, issuedOn: '2026-04-31' }],
    ['an unknown field', { invoiceId: 'inv-1', amount: 10000, issuedOn: '2026-04-01', paid: true }],
  ])('invoice body: %s', async (_name, body) => {
    expect(await outcome(fast, IssueInvoiceDto, body)).toEqual(await outcome(full, IssueInvoiceDto, body));
  });

  it('takes an exactly right body without the full validation, and anything else through it', async () => {
    const fullRuns = jest.spyOn(ValidationPipe.prototype, 'transform');
    try {
      await fast.transform({ ...payment }, { type: 'body', metatype: RecordPaymentDto });
      expect(fullRuns).not.toHaveBeenCalled();
      await fast.transform({ ...payment, note: 'x' }, { type: 'body', metatype: RecordPaymentDto });
      expect(fullRuns).toHaveBeenCalledTimes(1);
    } finally {
      fullRuns.mockRestore();
    }
  });

  it('a refused body is answered 400 naming the field', async () => {
    expect(await outcome(fast, RecordPaymentDto, { ...payment, amount: 0 })).toMatchObject({
      status: 400,
      body: { details: [{ field: 'amount' }] },
    });
  });
});
