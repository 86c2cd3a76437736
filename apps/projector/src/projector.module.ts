import { DynamicModule, Module } from '@nestjs/common';
import { PROJECTOR_OPTIONS, ProjectorOptions } from './projector-options';
import { ProjectorService } from './projector.service';

/** The projector application: the okr projection under the projector lease, on the stores given. */
@Module({})
export class ProjectorModule {
  static register(options: ProjectorOptions): DynamicModule {
    return {
      module: ProjectorModule,
      providers: [{ provide: PROJECTOR_OPTIONS, useValue: options }, ProjectorService],
      exports: [ProjectorService],
    };
  }
}
