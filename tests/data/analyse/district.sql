-- A small district for tests/cli/t_analyse.sh; the figures are worked out there.
-- Assessment a: five tasks of a point each; scores are packed (2 bytes a task,
-- hundredths of a point: 0064 is 1).  Loaded after 'mms init'.
INSERT INTO school(id, code, name, name_key) VALUES
  (1, 'edu1', 'Школа №1', 'школа №1'), (2, 'edu2', 'Школа №2', 'школа №2');
INSERT INTO subject(id, name, name_key) VALUES (1, 'Математика', 'математика');
INSERT INTO class(id, school_id, label, label_key, grade) VALUES
  (1, 1, '5А', '5а', 5), (2, 1, '5Б', '5б', 5), (3, 2, '5А', '5а', 5);
INSERT INTO assessment(id, code, kind, subject_id, grade, date, codes) VALUES
  (1, 'a', 'ВПР', 1, 5, '2027-04-15', 'ВПР-5'), (2, 'old', 'ВПР', 1, 5, '2026-04-15', 'ВПР-5');
INSERT INTO skill(id, subject_id, system, code, text, kind) VALUES
  (1, 1, 'ВПР-5', '1.1', 'Натуральные числа', 'subject'),
  (2, 1, 'ВПР-5', '1.2', 'Дроби', 'subject');
INSERT INTO task(id, assessment_id, label, label_key, position, max_score, level, slot) VALUES
  (1, 1, '1', '1', 1, 1, 'Б', 0), (2, 1, '2', '2', 2, 1, 'Б', 1), (3, 1, '3', '3', 3, 1, 'П', 2),
  (4, 1, '4', '4', 4, 1, 'П', 3), (5, 1, '5', '5', 5, 1, 'В', 4);
INSERT INTO task_skill(task_id, skill_id) VALUES (1, 1), (2, 1), (3, 2), (4, 2), (5, 2);
INSERT INTO participant(id, assessment_id, school_id, class_id, code, absent, scores, mark, journal_mark) VALUES
  (1, 1, 1, 1, 'p1', 0, X'00640000000000000000', NULL, 4),
  (2, 1, 1, 1, 'p2', 0, X'00640064000000000000', NULL, 3),
  (3, 1, 1, 1, 'p3', 0, X'00640064006400000000', NULL, 3),
  (4, 1, 1, 1, 'p4', 0, X'00640064006400640064', NULL, 4),
  (5, 1, 1, 1, 'p5', 1, NULL, NULL, NULL),
  (6, 1, 2, 3, 'q0', 0, X'00640064000000000000', NULL, NULL),
  (7, 1, 2, 3, 'q1', 0, X'00640064000000000000', NULL, NULL),
  (8, 1, 2, 3, 'q2', 0, X'00640064000000000000', NULL, NULL),
  (9, 1, 2, 3, 'q3', 0, X'00640064000000000000', NULL, NULL),
  (10, 1, 2, 3, 'q4', 0, X'00640064000000000000', NULL, NULL),
  (11, 1, 2, 3, 'q5', 0, X'00640064000000000000', NULL, NULL),
  (12, 1, 2, 3, 'q6', 0, X'00640064000000000000', NULL, NULL),
  (13, 1, 2, 3, 'q7', 0, X'00640064006400640064', NULL, NULL),
  (14, 1, 2, 3, 'q8', 0, X'00640064006400640064', NULL, NULL),
  (15, 1, 2, 3, 'q9', 0, X'00640064006400640064', NULL, NULL),
  (16, 1, 2, 3, 'q10', 0, X'00640064006400640064', NULL, NULL),
  (17, 1, 2, 3, 'q11', 0, X'00640064006400640064', NULL, NULL),
  (18, 2, 1, 2, 'o0', 0, NULL, 4, NULL),
  (19, 2, 1, 2, 'o1', 0, NULL, 4, NULL),
  (20, 2, 1, 2, 'o2', 0, NULL, 4, NULL),
  (21, 2, 1, 2, 'o3', 0, NULL, 3, NULL),
  (22, 2, 1, 2, 'o4', 0, NULL, 3, NULL),
  (23, 2, 1, 2, 'o5', 0, NULL, 3, NULL),
  (24, 2, 1, 2, 'o6', 0, NULL, 3, NULL),
  (25, 2, 1, 2, 'o7', 0, NULL, 3, NULL),
  (26, 2, 1, 2, 'o8', 0, NULL, 3, NULL),
  (27, 2, 1, 2, 'o9', 0, NULL, 3, NULL);
UPDATE participant_seq SET last = 27;
