import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  ModuleMetadata,
  NotFoundException,
  PayloadTooLargeException,
  Post,
  PreconditionFailedException,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { InvalidInputError, NotFoundError, RuleViolationError } from '@okr/domain/common/errors';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '@okr/event-store/event-store.port';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { configureHttp, ConfigureHttpOptions, createFastifyAdapter } from '../configure-http';
import { BoundedString, IsFiniteNumber, IsId, IsIsoDate, IsIsoDateTime } from '../validators';

/** Test fixtures shared by the http specs: a DTO using every validator, and routes throwing each kind of error. */

export class MetricDto {
  @IsFiniteNumber()
  target!: number;

  @IsOptional()
  @BoundedString(16)
  unit?: string;
}

export class CreateThingDto {
  @BoundedString(50, { min: 1 })
  title!: string;

  @IsFiniteNumber({ min: 0, max: 100 })
  n!: number;

  @IsObject()
  @ValidateNested()
  @Type(() => MetricDto)
  metric!: MetricDto;

  @IsOptional()
  @IsArray()
  @IsId({ each: true })
  keyResultIds?: string[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MetricDto)
  metrics?: MetricDto[];

  @IsOptional()
  @IsIsoDate()
  startsOn?: string;

  @IsOptional()
  @IsIsoDateTime()
  at?: string;

  @IsOptional()
  @IsIn(['committed', 'aspirational'])
  kind?: string;
}

/** A body that passes CreateThingDto. */
export function validThing(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: 'Ship it', n: 42, metric: { target: 10, unit: '%' }, ...overrides };
}

@Controller('things')
export class ThingsController {
  @Post()
  @HttpCode(201)
  create(@Body() dto: CreateThingDto) {
    return { received: dto, isInstance: dto instanceof CreateThingDto, metricIsInstance: dto.metric instanceof MetricDto };
  }

  @Get('ok')
  ok() {
    return { ok: true };
  }

  @Get('invalid-input')
  invalidInput() {
    throw new InvalidInputError('cycle.ends_before_start', 'endsOn must not be before startsOn', 'endsOn');
  }

  @Get('invalid-input-no-field')
  invalidInputNoField() {
    throw new InvalidInputError('cycle.too_long', 'A cycle lasts at most one year');
  }

  @Get('not-found')
  notFound() {
    throw new NotFoundError('objective.not_found', 'Objective o-1 does not exist');
  }

  @Get('rule-violation')
  async ruleViolation() {
    throw new RuleViolationError('cycle.closed', 'The cycle is closed');
  }

  @Get('concurrency')
  concurrency() {
    throw new WrongExpectedRevisionError('objective-o1', 3, 5);
  }

  @Get('duplicate-event')
  duplicateEvent() {
    throw new DuplicateEventIdError('evt-1');
  }

  @Get('unauthorized')
  unauthorized() {
    throw new UnauthorizedException('A bearer token is required');
  }

  @Get('forbidden')
  forbidden() {
    throw new ForbiddenException('Editors only');
  }

  @Get('precondition')
  precondition() {
    throw new PreconditionFailedException('If-Match "3" does not match the current version "4"');
  }

  @Get('unprocessable')
  unprocessable() {
    throw new UnprocessableEntityException('Cannot grade an active key result');
  }

  @Get('too-large')
  tooLarge() {
    throw new PayloadTooLargeException();
  }

  @Get('missing')
  missing() {
    throw new NotFoundException();
  }

  @Get('boom')
  boom() {
    throw new Error('database password is hunter2 at /srv/okr/secret.db');
  }

  @Get('boom-async')
  async boomAsync() {
    await Promise.resolve();
    throw new TypeError("Cannot read properties of undefined (reading 'x')");
  }

  @Get('throw-string')
  throwString() {
    throw 'a bare string';
  }

  @Get('syntax')
  syntax() {
    return JSON.parse('{not json');
  }
}

/** Compiles a testing module and starts a Fastify app configured as in production, ready for supertest. */
export async function createHttpTestApp(
  metadata: ModuleMetadata = { controllers: [ThingsController] },
  options: ConfigureHttpOptions = { swagger: false },
): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
  configureHttp(app, options);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
