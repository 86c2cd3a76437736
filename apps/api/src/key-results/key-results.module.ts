import { Module } from '@nestjs/common';
import { AddKeyResultHandler } from './add-key-result.handler';
import { CheckInHandler } from './check-in.handler';
import { GradeKeyResultHandler } from './grade-key-result.handler';
import { KeyResultCommandRunner } from './key-result-command.runner';
import { KeyResultsController } from './key-results.controller';
import { RemoveKeyResultHandler } from './remove-key-result.handler';
import { UpdateKeyResultHandler } from './update-key-result.handler';

/** Key results' commands (adding one is routed under its objective: POST /objectives/:id/key-results). */
@Module({
  controllers: [KeyResultsController],
  providers: [
    AddKeyResultHandler,
    UpdateKeyResultHandler,
    CheckInHandler,
    GradeKeyResultHandler,
    RemoveKeyResultHandler,
    KeyResultCommandRunner,
  ],
})
export class KeyResultsModule {}
