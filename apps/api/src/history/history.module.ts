import { Module } from '@nestjs/common';
import { HistoryNames } from './history-names';
import { HistoryScopes } from './history-scope';
import { HistoryTimeline } from './history-timeline.service';
import { KeyResultHistoryController } from './key-result-history.controller';
import { ObjectiveHistoryController } from './objective-history.controller';

/** The timelines of an objective and of a key result, read from their streams. */
@Module({
  controllers: [ObjectiveHistoryController, KeyResultHistoryController],
  providers: [HistoryNames, HistoryScopes, HistoryTimeline],
  exports: [HistoryNames],
})
export class HistoryModule {}
