import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { REVIEW_SHEETS, ReviewSheet } from '@ledger/domain';

export class ReviewCallDto {
  @ApiProperty({ enum: REVIEW_SHEETS, description: 'the kind of work the call was (the checklist sheet)' })
  @IsIn(REVIEW_SHEETS)
  sheet!: ReviewSheet;

  @ApiProperty({
    example: { invoice_received: 2, payment_date: 2, next_call: 1, broken_date: 0 },
    description: 'checklist item code → 0–2, every item of the sheet',
  })
  @IsObject()
  scores!: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}
