import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  IsBusinessDate,
  IsLedgerId,
  IsMoney,
  exactShape,
  isBusinessDate,
  isLedgerId,
  isMoney,
} from '../http/validation';

export class IssueInvoiceDto {
  @ApiProperty({ example: 'inv-2026-04' })
  @IsLedgerId()
  invoiceId!: string;

  @ApiProperty({ example: 10000 })
  @IsMoney()
  amount!: number;

  @ApiProperty({ example: '2026-04-01' })
  @IsBusinessDate()
  issuedOn!: string;
}

export class RecordPaymentDto {
  @ApiProperty({ example: 'pay-1' })
  @IsLedgerId()
  paymentId!: string;

  @ApiProperty({ example: 10000 })
  @IsMoney()
  amount!: number;

  @ApiProperty({ example: '2026-04-10', description: 'value date (дата валютирования)' })
  @IsBusinessDate()
  paidOn!: string;
}

// the commands sent most often skip the full validation when the body is exactly right
exactShape(IssueInvoiceDto, { invoiceId: isLedgerId, amount: isMoney, issuedOn: isBusinessDate });
exactShape(RecordPaymentDto, { paymentId: isLedgerId, amount: isMoney, paidOn: isBusinessDate });

export class RecordPaymentPromiseDto {
  @ApiProperty({ example: '2026-03-20', description: 'the agreed payment day' })
  @IsBusinessDate()
  promisedOn!: string;

  @ApiProperty({ description: 'whether the client wants a reminder call before the day' })
  @IsBoolean()
  remind!: boolean;

  @ApiPropertyOptional({ example: 15000, description: 'promised amount; the whole debt when absent' })
  @IsOptional()
  @IsMoney()
  amount?: number;

  @ApiPropertyOptional({ example: '2026-03-19', description: 'reminder day; default the working day before' })
  @IsOptional()
  @IsBusinessDate()
  remindOn?: string;
}

export class CommentDto {
  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}
