"""Student and teacher self-test questionnaires: responses, data quality, group statistics.

The pipeline, each step a plain function returning a value (nothing prints):

1. :func:`zhengai.load.instruments.load_instrument` — a shipped instrument by id or a
   ``kind: instrument`` YAML file;
2. :func:`zhengai.survey.responses.read_responses` — a CSV/.xlsx export of a survey
   tool, Chinese headers matched to items;
3. :func:`zhengai.score.survey.score_table` — element, dimension and overall scores
   0–100 per respondent (vectorised);
4. :func:`zhengai.survey.quality.check_quality` — incomplete, straight-lining,
   out-of-range and duplicate responses, reported and excluded from group statistics;
5. :func:`zhengai.survey.groups.group_stats` — per group means, distribution, share
   below the standard line, change against last year's cohort;
6. :class:`zhengai.score.radar.RadarData` — the numbers behind each radar chart
   (:meth:`~zhengai.survey.run.SurveyResult.group_radar`);
7. :func:`zhengai.survey.run.run_survey` — all of it, as one value.

Writing the result — the workbook, radar PNGs (:func:`zhengai.render.charts.draw_radar`)
and the Markdown section — is :func:`zhengai.render.survey.write_outputs`, in the render
stage: this package reads and computes, the stages above it draw and write.

Heavy libraries (numpy, pandas, openpyxl, matplotlib) are imported inside functions.
"""

from __future__ import annotations
