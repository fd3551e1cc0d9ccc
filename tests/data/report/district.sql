-- A small district for tests/cli/t_report.sh, the same as tests/unit/test_report.c
-- (see its comment for the figures worked out by hand).  Loaded after 'mms init'.
INSERT INTO school(id, code, name, name_key) VALUES
  (1, 'edu1', 'Школа №1', 'школа №1'), (2, 'edu2', 'Школа №2', 'школа №2');
INSERT INTO subject(id, name, name_key) VALUES (1, 'Математика', 'математика');
INSERT INTO teacher(id, school_id, full_name, name_key, birth_year, experience) VALUES
  (1, 1, 'Иванова Анна Петровна', 'иванова анна петровна', 1995, 5),
  (2, 1, 'Петров Пётр Ильич', 'петров петр ильич', 1970, 20),
  (3, 2, 'Сидорова Мария Ивановна', 'сидорова мария ивановна', 1980, 2),
  (4, 2, 'Кузнецов Олег Викторович', 'кузнецов олег викторович', 1960, 30);
INSERT INTO class(id, school_id, label, label_key, grade) VALUES
  (1, 1, '5А', '5а', 5), (2, 1, '5Б', '5б', 5), (3, 2, '5А', '5а', 5), (4, 2, '5Б', '5б', 5),
  (5, 1, '6А', '6а', 6), (6, 1, '6Б', '6б', 6), (7, 2, '6А', '6а', 6), (8, 2, '6Б', '6б', 6);
INSERT INTO teaching VALUES (1, 1, 1, '2025/2026'), (1, 1, 5, '2026/2027'), (2, 1, 2, '2025/2026'), (2, 1, 6, '2026/2027'), (3, 1, 3, '2025/2026'), (3, 1, 7, '2026/2027'),
  (4, 1, 4, '2025/2026'), (4, 1, 8, '2026/2027');
INSERT INTO assessment(id, code, kind, subject_id, grade, date) VALUES
  (1, 'a5', 'ВПР', 1, 5, '2026-04-15'), (2, 'a6', 'ВПР', 1, 6, '2027-04-14');
INSERT INTO skill(id, subject_id, code, text, kind, kind_text) VALUES
  (1, 1, '1.1', 'Дроби', 'subject', ''), (2, 1, '1.2', 'Таблицы', 'meta', 'познавательные');
INSERT INTO deficit_run(id, assessment_id, threshold_version) VALUES (1, 1, 1), (2, 2, 1);
INSERT INTO participant(id, assessment_id, school_id, class_id, code, absent) VALUES
  (1, 1, 1, 1, 'P-1001', 0), (2, 1, 1, 1, 'P-1002', 0), (3, 1, 2, 3, 'P-2001', 0),
  (4, 1, 2, 3, 'P-2002', 1);
UPDATE participant_seq SET last = 4;
INSERT INTO student_below(run_id, school_id, class_id, students) VALUES
  (1, 1, 1, '{"P-1001":[1,250000,2,400000]}');
-- codes (lib/deficits/codes.h): task level | verdict << 2 | (spread + 1) << 4 | persistence << 7:
-- 4 sufficient; a deficit: 156 spread over the district and new, 284 recurrent; 204 a class's,
-- 220 individual; the thresholds 57 % and 60 % in ten-thousandths
INSERT INTO deficit_row(run_id, school_id, class_id, skill_id, n, points, possible,
  ci_low, ci_high, codes, threshold_stored, sufficient_stored) VALUES
  (1, NULL, NULL, 1, 400, 280, 400, 0, 1, 4, 5700, 6000),
  (1, NULL, NULL, 2, 400, 200, 400, 0, 1, 156, 5700, 6000),
  (1, 1, NULL, 1, 200, 130, 200, 0, 1, 4, 5700, 6000),
  (1, 2, NULL, 1, 8, 6, 8, 0, 1, 4, 5700, 6000),
  (1, 1, NULL, 2, 200, 100, 200, 0, 1, 156, 5700, 6000),
  (1, 2, NULL, 2, 8, 4, 8, 0, 1, 156, 5700, 6000),
  (1, 1, 1, 1, 20, 6, 20, 0, 1, 204, 5700, 6000),
  (1, 2, 3, 1, 8, 6, 8, 0, 1, 4, 5700, 6000),
  (1, 1, 1, 2, 20, 10, 20, 0, 1, 156, 5700, 6000),
  (1, 1, 2, 2, 20, 10, 20, 0, 1, 156, 5700, 6000),
  (1, 2, 3, 2, 8, 2, 8, 0, 1, 4, 5700, 6000),
  (2, NULL, NULL, 1, 410, 295.2, 410, 0, 1, 4, 5700, 6000),
  (2, NULL, NULL, 2, 410, 225.5, 410, 0, 1, 284, 5700, 6000),
  (2, 1, NULL, 1, 210, 160, 210, 0, 1, 4, 5700, 6000),
  (2, 1, 5, 1, 25, 20, 25, 0, 1, 4, 5700, 6000),
  (2, 2, 7, 2, 9, 5, 9, 0, 1, 4, 5700, 6000),
  (2, 1, 5, 2, 25, 12, 25, 0, 1, 220, 5700, 6000);
-- P-1001 below half on skills 1 and 2, counted in its groups' rows as a classification counts it
UPDATE deficit_row SET below_half = 1 WHERE run_id = 1 AND skill_id IN (1, 2)
  AND (level = 'district' OR (level = 'school' AND school_id = 1) OR (level = 'class' AND class_id = 1));
INSERT INTO hypothesis(id, teacher_id, skill_id, assessment_id, run_id, n, success, rest_n,
  rest_success, district_success, threshold, p_value, q_value, supported) VALUES
  (1, 1, 1, 1, 1, 20, .3, 380, .72, .7, .57, .001, .01, 1),
  (2, 2, 2, 1, 1, 20, .5, 380, .5, .5, .57, .01, .02, 1),
  (3, 3, 1, 1, 1, 8, .75, 392, .7, .7, .57, .5, .5, 1),
  (4, 3, 2, 1, 1, 8, .25, 392, .5, .5, .57, .04, .04, 1),
  (5, 4, 2, 1, 1, 8, .5, 392, .5, .5, .57, .5, .5, 0);
INSERT INTO hypothesis_class VALUES (1, 1, 20, .3, 1), (4, 3, 8, .25, 1);
INSERT INTO teacher_event(teacher_id, skill_id, kind, outcome, priority, date) VALUES
  (1, 1, 'observation', 'confirm', NULL, '2026-05-10'),
  (2, 2, 'observation', 'confirm', NULL, '2026-05-11'),
  (3, 1, 'observation', 'reject', NULL, '2026-05-12'),
  (3, 2, 'observation', 'confirm', NULL, '2026-05-12'),
  (1, 1, 'interview', 'accept', 1, '2026-05-20'),
  (3, 2, 'interview', 'accept', 2, '2026-05-21');
INSERT INTO resource(id, kind, origin, title, title_key) VALUES
  (1, 'seminar', 'manual', 'Семинар по таблицам', 'семинар по таблицам');
INSERT INTO iop(id, teacher_id, year) VALUES (1, 1, '2026/2027'), (2, 3, '2026/2027');
INSERT INTO iop_item(id, iop_id, skill_id, hypothesis_id, competency_area, competency, form,
  resource_id, period, threshold, status) VALUES
  (1, 1, 1, 1, 'предметная', 'x', 'course', NULL, '2026/2027', .57, 'done'),
  (2, 2, 2, 4, 'методическая', 'y', 'school', 1, '2026/2027', .57, 'done');
-- the course was done in December: the spring's a6 comes after it
INSERT INTO iop_status(item_id, status, note, date) VALUES (1, 'done', NULL, '2026-12-20');
INSERT INTO training_order(id, state, sent) VALUES (1, 'sent', '2026-06-01');
INSERT INTO order_line(id, order_id, position, programme, competency, skills, count,
  justification) VALUES (1, 1, 1, 'Курс', 'x', '1.1', 1, 'Иванова: 5А, n=20: 30 %');
INSERT INTO order_line_teacher VALUES (1, 1, 1, 'Иванова Анна Петровна', 'Школа №1', '1.1');
