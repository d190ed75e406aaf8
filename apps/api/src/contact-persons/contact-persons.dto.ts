import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsEmail,
  Matches,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
} from 'class-validator';
import { IsLedgerId } from '../http/validation';

const PERSON_ROLES = ['decision_maker', 'influencer', 'key_user', 'payer'] as const;

export class ContactPersonDto {
  @ApiPropertyOptional({ description: 'default: generated' })
  @IsOptional()
  @IsLedgerId()
  contactPersonId?: string;

  @ApiProperty({ example: 'Иванова Мария Петровна' })
  @IsString()
  @Length(1, 500)
  name!: string;

  @ApiProperty({ enum: PERSON_ROLES, isArray: true })
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(PERSON_ROLES, { each: true })
  roles!: Array<(typeof PERSON_ROLES)[number]>;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { each: true, message: 'phones must be phone numbers' })
  phones?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEmail({}, { each: true })
  emails?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  interests?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  position?: string;

  @ApiPropertyOptional({
    description: 'subscribed to the РИЦ newsletter ([001] trigger 8); absent: not known',
  })
  @IsOptional()
  @IsBoolean()
  subscribedToNewsletter?: boolean;
}

export class ContactPersonChangeDto extends PartialType(ContactPersonDto) {}

export class ErasureDto {
  @ApiProperty({ description: 'the request it honours (152-ФЗ), e.g. «заявление от 20.03.2026»' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}
