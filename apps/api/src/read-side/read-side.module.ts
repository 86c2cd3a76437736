import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LastWrites } from './last-writes';
import { ProjectionPositionInterceptor } from './projection-position.interceptor';
import { ProjectionsService } from '@okr/platform';

/** The embedded projection (or the position of the external projector's), and read-your-writes on every GET (X-Min-Position, and each caller's last write). */
@Module({
  providers: [ProjectionsService, LastWrites, { provide: APP_INTERCEPTOR, useClass: ProjectionPositionInterceptor }],
  exports: [ProjectionsService],
})
export class ReadSideModule {}
