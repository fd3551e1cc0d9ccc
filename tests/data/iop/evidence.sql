-- A classification run and the hypotheses of map-to-teacher, as
-- tests/unit/iop_fixture.h works them out: Петров is clearly above the
-- rest on 1.2, Сидорова on 1.3.
INSERT INTO deficit_run(id, assessment_id, threshold_version)
  SELECT 1, id, 1 FROM assessment WHERE code = 'vpr-2026-math-5';
CREATE TEMP TABLE r(school TEXT, class TEXT, skill TEXT, n INTEGER, s REAL);
INSERT INTO r VALUES
  ('edu1', '5А', '1.1', 25, .50), ('edu1', '5Б', '1.1', 25, .50),
  ('edu2', '5А', '1.1', 25, .50), ('edu2', '5Б', '1.1', 8, 1.0),
  ('edu1', '5А', '1.2', 25, .30), ('edu1', '5Б', '1.2', 25, .90),
  ('edu2', '5А', '1.2', 25, .55), ('edu2', '5Б', '1.2', 25, .40),
  ('edu1', '5А', '1.3', 25, .35), ('edu1', '5Б', '1.3', 25, .40),
  ('edu2', '5А', '1.3', 25, .85), ('edu2', '5Б', '1.3', 25, .45),
  ('edu1', '5А', '1.4', 25, .58), ('edu1', '5Б', '1.4', 25, .20),
  ('edu2', '5А', '1.4', 25, .20), ('edu2', '5Б', '1.4', 25, .20);
-- codes 4 (lib/deficits/codes.h): task level Б, sufficient; the thresholds 57 % and 60 %
-- in ten-thousandths, as mms classify-deficits stores them
INSERT INTO deficit_row(run_id, school_id, class_id, skill_id, n, points, possible,
  ci_low, ci_high, codes, threshold_stored, sufficient_stored)
  SELECT 1, sc.id, c.id, k.id, r.n, r.s * r.n, r.n, 0, 1, 4, 5700, 6000
  FROM r JOIN school sc ON sc.code = r.school
  JOIN class c ON c.school_id = sc.id AND c.label = r.class JOIN skill k ON k.code = r.skill;
INSERT INTO deficit_row(run_id, school_id, class_id, skill_id, n, points, possible,
  ci_low, ci_high, codes, threshold_stored, sufficient_stored)
  SELECT 1, NULL, NULL, k.id, sum(r.n), sum(r.s * r.n), sum(r.n), 0, 1, 4, 5700, 6000
  FROM r JOIN skill k ON k.code = r.skill GROUP BY k.id;
CREATE TEMP TABLE h(teacher TEXT, skill TEXT, success REAL, district REAL);
INSERT INTO h VALUES
  ('Иванова Анна Петровна', '1.2', .30, .54), ('Иванова Анна Петровна', '1.3', .35, .51),
  ('Кузнецов Олег Викторович', '1.4', .20, .30), ('Кузнецов Олег Викторович', '1.2', .40, .54);
INSERT INTO hypothesis(teacher_id, skill_id, assessment_id, run_id, n, success, rest_n,
  rest_success, district_success, threshold, p_value, q_value)
  SELECT t.id, k.id, 1, 1, 25, h.success, 75, .5, h.district, .57, .001, .01
  FROM h JOIN teacher t ON t.full_name = h.teacher JOIN skill k ON k.code = h.skill;
INSERT INTO hypothesis_class(hypothesis_id, class_id, n, success, class_specific)
  SELECT y.id, tg.class_id, 25, y.success, 1 FROM hypothesis y
  JOIN teaching tg ON tg.teacher_id = y.teacher_id;
-- The teachers' classes pooled (one class each) against the rest of the
-- district, as the classification stores them; clearly above: Петров on 1.2
-- (p 1.34872e-5), Сидорова on 1.3 (p 4.84286e-5), adjusted over 16 pairs.
INSERT INTO teacher_result(run_id, teacher_id, skill_id, school_id, classes, n, points,
  possible, rest_n, rest_success, codes, threshold_stored, sufficient_stored, sole_teacher,
  p_below, q_below, p_above, q_above)
  SELECT 1, tg.teacher_id, d.skill_id, d.school_id, 1, d.n, d.points, d.possible,
    dr.n - d.n, (dr.points - d.points) / (dr.possible - d.possible), 4, 5700, 6000, 0, .5, 1,
    CASE WHEN t.full_name LIKE 'Петров%' AND k.code = '1.2' THEN 1.34872e-5
      WHEN t.full_name LIKE 'Сидорова%' AND k.code = '1.3' THEN 4.84286e-5 ELSE .5 END,
    CASE WHEN t.full_name LIKE 'Петров%' AND k.code = '1.2' THEN 2.15796e-4
      WHEN t.full_name LIKE 'Сидорова%' AND k.code = '1.3' THEN 3.87429e-4 ELSE 1 END
  FROM deficit_result d JOIN teaching tg ON tg.class_id = d.class_id
  JOIN teacher t ON t.id = tg.teacher_id JOIN skill k ON k.id = d.skill_id
  JOIN deficit_result dr ON dr.run_id = 1 AND dr.level = 'district' AND dr.skill_id = d.skill_id
  WHERE d.run_id = 1 AND d.level = 'class';
