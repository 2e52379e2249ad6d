// What the explorer's client table gets for a row: the timeline's DTO plus where the row
// belongs (its project and run), for the links beside it.
import type { TimelineRow } from "@/lib/runs/find-run-timeline";
import { toTimelineRowDto, type TimelineRowDto } from "@/lib/runs/to-timeline-dto";

export interface ExploreRowDto extends TimelineRowDto {
  projectId?: string;
  runId?: string;
}

export function toExploreRowDto(row: TimelineRow): ExploreRowDto {
  const dto: ExploreRowDto = toTimelineRowDto(row, row.createdAt);
  if (row.projectId !== null) dto.projectId = row.projectId;
  if (row.runId !== null) dto.runId = row.runId;
  return dto;
}
