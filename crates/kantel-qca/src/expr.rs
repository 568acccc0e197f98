//! Boolean expressions in R QCA notation: parsing, printing, evaluation, negation,
//! simplification and factorisation.
//!
//! The notation is the one of R's QCA/admisc packages (`~A*B + C`): `+` is OR, `*` is AND,
//! `~` negates, `A[2]` or `A{2}` is level 2 of a multi-value condition and `A[1,2]` is
//! "level 1 or 2". Parentheses and negated parentheses are expanded at parse time, so an
//! [`Expression`] is always a sum of products. See `docs/expressions.md` for the grammar.
//!
//! Simplification is exact: every configuration of the involved conditions is enumerated,
//! prime implicants are found by iterated consensus (which, with multi-value literals as
//! level *sets*, also finds terms such as `A[0,1]`), and a minimum cover (fewest terms, then
//! fewest literals) is found by branch and bound. The engine's [`crate::boolean`] core works
//! with single-level implicants (as R's `minimize` does), which cannot express `A[0,1]` as
//! one literal; that is why this module carries its own small exact routine.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use kantel_i18n::{Msg, msg};

use crate::necessity::{OutcomeSpec, Relation};
use crate::{ColumnKind, QcaError, SetData};

/// The number of levels of a condition by name; `None` means a binary condition.
pub type NofLevels<'a> = &'a dyn Fn(&str) -> Option<u8>;

/// Simplification enumerates every configuration, so the number of conditions is capped.
pub const MAX_SIMPLIFY_CONDITIONS: usize = 20;

/// Cap on the configurations enumerated by [`Expression::simplify`] (multi-value
/// conditions multiply faster than binary ones).
pub const MAX_CONFIGURATIONS: usize = 1 << 22;

/// Expanding nested negations can grow exponentially; beyond this many terms the parser
/// and the negation stop with an error instead of exhausting memory.
pub const MAX_EXPANDED_TERMS: usize = 20_000;

/// Deepest nesting of brackets and negations the parser follows. The parser recurses once
/// per level; without a limit 10,000 nested brackets or 50,000 leading `~` overflowed the
/// stack and aborted the process. Written expressions nest a handful of levels.
pub const MAX_NESTING: usize = 200;

/// Cap on branch-and-bound nodes of the minimal cover search: an exact minimum cover is
/// NP-hard, and beyond this the simplification fails rather than run for hours.
pub const MAX_COVER_NODES: usize = 20_000;

/// Cap on prime implicants in one simplification.
const MAX_PRIMES: usize = 20_000;

/// Cap on the number of factorisations listed by [`Expression::factorize`].
const MAX_FACTORIZATIONS: usize = 1_000;

/// One condition, possibly negated, possibly restricted to a set of levels.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Literal {
    /// The condition (set) name.
    pub condition: String,
    /// `None` for binary presence (`A`); `Some(levels)` for a multi-value literal (`A[1,2]`:
    /// the case's level is one of these). Levels are sorted and distinct.
    pub levels: Option<Vec<u8>>,
    /// `~` in front.
    pub negated: bool,
}

impl Literal {
    /// A binary literal `A` or `~A`.
    pub fn binary(condition: &str, negated: bool) -> Literal {
        Literal {
            condition: condition.to_string(),
            levels: None,
            negated,
        }
    }

    /// A multi-value literal `A[levels]` or `~A[levels]`; levels are sorted and deduplicated.
    pub fn multi(condition: &str, levels: &[u8], negated: bool) -> Literal {
        let mut levels = levels.to_vec();
        levels.sort_unstable();
        levels.dedup();
        Literal {
            condition: condition.to_string(),
            levels: Some(levels),
            negated,
        }
    }

    /// The same literal with the negation flipped.
    pub fn negation(&self) -> Literal {
        Literal {
            negated: !self.negated,
            ..self.clone()
        }
    }

    /// Membership of one case in this literal.
    pub fn membership_at(&self, data: &SetData, case: usize) -> Result<f64, QcaError> {
        let column = ResolvedColumn::resolve(data, &self.condition)?;
        check_case(data, case)?;
        self.value(&column, column.values[case])
    }

    fn value(&self, column: &ResolvedColumn<'_>, v: f64) -> Result<f64, QcaError> {
        let name = &self.condition;
        let raw = match (&self.levels, column.kind) {
            (_, ColumnKind::Raw) => {
                return Err(QcaError::Settings(msg!(
                    "qca-expr-raw-condition",
                    name = name
                )));
            }
            (None, ColumnKind::MultiValue { levels }) => {
                return Err(QcaError::Settings(msg!(
                    "qca-expr-bare-multi-value",
                    name = name,
                    max = levels - 1
                )));
            }
            (None, _) => v,
            (Some(_), ColumnKind::Fuzzy) => {
                return Err(QcaError::Settings(msg!(
                    "qca-expr-level-of-fuzzy",
                    literal = self.to_string(),
                    name = name
                )));
            }
            (Some(levels), _) => {
                if levels.iter().any(|&l| v == f64::from(l)) {
                    1.0
                } else {
                    0.0
                }
            }
        };
        Ok(if self.negated { 1.0 - raw } else { raw })
    }

    /// Whether two literals on the same condition can never hold together, judged without
    /// knowing the number of levels (so only the certain cases).
    fn contradicts(&self, other: &Literal) -> bool {
        if self.condition != other.condition {
            return false;
        }
        match (&self.levels, &other.levels) {
            (None, None) => self.negated != other.negated,
            (Some(a), Some(b)) => match (self.negated, other.negated) {
                (false, false) => !a.iter().any(|l| b.contains(l)),
                (false, true) => a.iter().all(|l| b.contains(l)),
                (true, false) => b.iter().all(|l| a.contains(l)),
                (true, true) => false,
            },
            _ => false,
        }
    }
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negated {
            f.write_str("~")?;
        }
        f.write_str(&self.condition)?;
        if let Some(levels) = &self.levels {
            let list: Vec<String> = levels.iter().map(u8::to_string).collect();
            write!(f, "[{}]", list.join(","))?;
        }
        Ok(())
    }
}

/// A conjunction of literals. An empty term is the universal set (printed `1`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Term {
    /// The literals, combined with AND.
    pub literals: Vec<Literal>,
}

impl Term {
    /// A term from literals (kept in the given order).
    pub fn new(literals: Vec<Literal>) -> Term {
        Term { literals }
    }

    /// Membership of one case: the minimum over the literals (1 for an empty term).
    pub fn membership_at(&self, data: &SetData, case: usize) -> Result<f64, QcaError> {
        check_case(data, case)?;
        let mut m = 1.0_f64;
        for lit in &self.literals {
            m = m.min(lit.membership_at(data, case)?);
        }
        Ok(m)
    }

    /// Membership of every case in this term.
    pub fn membership(&self, data: &SetData) -> Result<Vec<f64>, QcaError> {
        Expression {
            terms: vec![self.clone()],
        }
        .membership(data)
    }

    /// Whether the term holds two literals that can never be true together.
    fn is_contradictory(&self) -> bool {
        self.literals
            .iter()
            .enumerate()
            .any(|(i, a)| self.literals[i + 1..].iter().any(|b| a.contradicts(b)))
    }

    /// The conjunction of two terms with duplicate literals removed; `None` when it is
    /// certainly empty.
    fn and(&self, other: &Term) -> Option<Term> {
        let mut literals = self.literals.clone();
        for lit in &other.literals {
            if !literals.contains(lit) {
                literals.push(lit.clone());
            }
        }
        let t = Term { literals };
        (!t.is_contradictory()).then_some(t)
    }

    fn literal_set(&self) -> HashSet<&Literal> {
        self.literals.iter().collect()
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.literals.is_empty() {
            return f.write_str("1");
        }
        for (i, lit) in self.literals.iter().enumerate() {
            if i > 0 {
                f.write_str("*")?;
            }
            write!(f, "{lit}")?;
        }
        Ok(())
    }
}

/// A sum of products (disjunction of [`Term`]s). No terms is the empty set (printed `0`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Expression {
    /// The terms, combined with OR.
    pub terms: Vec<Term>,
}

impl fmt::Display for Expression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.terms.is_empty() {
            return f.write_str("0");
        }
        for (i, t) in self.terms.iter().enumerate() {
            if i > 0 {
                f.write_str(" + ")?;
            }
            write!(f, "{t}")?;
        }
        Ok(())
    }
}

impl FromStr for Expression {
    type Err = QcaError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Expression::parse(s)
    }
}

/// A data column looked up once for a whole evaluation.
struct ResolvedColumn<'a> {
    values: &'a [f64],
    kind: ColumnKind,
}

impl<'a> ResolvedColumn<'a> {
    fn resolve(data: &'a SetData, name: &str) -> Result<Self, QcaError> {
        let values = data.require(name)?;
        Ok(ResolvedColumn {
            values,
            kind: ColumnKind::detect(values),
        })
    }
}

fn check_case(data: &SetData, case: usize) -> Result<(), QcaError> {
    if case >= data.n_cases() {
        return Err(QcaError::Settings(msg!(
            "qca-expr-case-out-of-range",
            case = case,
            cases = data.n_cases()
        )));
    }
    Ok(())
}

impl Expression {
    /// Parses R QCA notation; parentheses and negations are expanded into a sum of
    /// products. Errors name the 1-based character position and what was expected.
    pub fn parse(text: &str) -> Result<Expression, QcaError> {
        let mut p = Parser {
            text,
            chars: text.chars().collect(),
            pos: 0,
            depth: 0,
        };
        p.skip_ws();
        if p.pos >= p.chars.len() {
            return Err(p.error(1, msg!("qca-expr-empty")));
        }
        let sop = p.sum(None)?;
        p.skip_ws();
        if let Some(&c) = p.chars.get(p.pos) {
            let arrow = find_arrows(&p.chars[p.pos..]);
            let message = if c == ')' {
                msg!("qca-expr-unmatched-close")
            } else if let Some(a) = arrow.first().filter(|a| a.at == 0) {
                // `A*B -> Y` where only an expression is read (--dir-exp, `qca expression`):
                // say that the arrow is the problem, not its first character.
                let written: String = p.chars[p.pos..p.pos + a.len].iter().collect();
                msg!("qca-expr-arrow", arrow = written)
            } else {
                msg!("qca-expr-unexpected", char = c)
            };
            return Err(p.error(p.pos + 1, message));
        }
        Ok(Expression { terms: sop })
    }

    /// A sum of the given terms.
    pub fn new(terms: Vec<Term>) -> Expression {
        Expression { terms }
    }

    /// The condition names, in order of first appearance.
    pub fn conditions(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in &self.terms {
            for l in &t.literals {
                if !out.contains(&l.condition) {
                    out.push(l.condition.clone());
                }
            }
        }
        out
    }

    /// Membership of every case: a literal is the column value (fuzzy or crisp) or, for
    /// `A[2]`, 1 when the case's level is 2; `~` is 1 minus; AND is the minimum, OR the
    /// maximum (as R's `compute`).
    pub fn membership(&self, data: &SetData) -> Result<Vec<f64>, QcaError> {
        let mut columns: HashMap<&str, ResolvedColumn<'_>> = HashMap::new();
        for t in &self.terms {
            for l in &t.literals {
                if !columns.contains_key(l.condition.as_str()) {
                    columns.insert(&l.condition, ResolvedColumn::resolve(data, &l.condition)?);
                }
            }
        }
        let mut out = vec![0.0_f64; data.n_cases()];
        for (case, slot) in out.iter_mut().enumerate() {
            let mut best = 0.0_f64;
            for t in &self.terms {
                let mut m = 1.0_f64;
                for l in &t.literals {
                    let col = &columns[l.condition.as_str()];
                    m = m.min(l.value(col, col.values[case])?);
                }
                best = best.max(m);
            }
            *slot = best;
        }
        Ok(out)
    }

    /// The negation (De Morgan), simplified to a minimal sum of products; literals follow
    /// the order of first appearance.
    pub fn negate(&self, noflevels: NofLevels<'_>) -> Result<Expression, QcaError> {
        self.negate_in(&self.conditions(), noflevels)
    }

    /// [`Expression::negate`] with an explicit order of conditions for printing (it must
    /// name every condition of the expression; extra names are allowed).
    pub fn negate_in(
        &self,
        order: &[String],
        noflevels: NofLevels<'_>,
    ) -> Result<Expression, QcaError> {
        let space = Space::new(self, order, noflevels)?;
        let cubes = space.cubes(self)?;
        let complement = complement_cover(&space, &cubes)?;
        minimal_sop(&space, &complement)
    }

    /// An exact minimal equivalent sum of products: fewest terms, then fewest literals.
    /// Binary conditions print as `A`/`~A`, multi-value ones as level sets (`A[0,1]`).
    /// At most [`MAX_SIMPLIFY_CONDITIONS`] conditions.
    pub fn simplify(&self, noflevels: NofLevels<'_>) -> Result<Expression, QcaError> {
        self.simplify_in(&self.conditions(), noflevels)
    }

    /// [`Expression::simplify`] with an explicit order of conditions for printing (as
    /// R's `snames`).
    pub fn simplify_in(
        &self,
        order: &[String],
        noflevels: NofLevels<'_>,
    ) -> Result<Expression, QcaError> {
        let space = Space::new(self, order, noflevels)?;
        let cubes = space.cubes(self)?;
        minimal_sop(&space, &cubes)
    }

    /// All factorisations by common factors, as R's `factorize()` (without `pos`):
    /// e.g. `A*B + A*C + D` gives `A*(B + C) + D`. The part in parentheses is simplified
    /// when all its conditions are binary. Without any common factor the result is the
    /// expression itself.
    pub fn factorize(&self) -> Vec<String> {
        factorize(self, &|_| None, false)
    }

    /// [`Expression::factorize`] with known numbers of levels, so that parts with
    /// multi-value conditions are simplified too.
    pub fn factorize_with(&self, noflevels: NofLevels<'_>) -> Vec<String> {
        factorize(self, noflevels, true)
    }
}

// ---------------------------------------------------------------------------------------
// Statements with an arrow (R's `pof("A*B + C -> Y", data)`)
// ---------------------------------------------------------------------------------------

/// An expression as R's `pof()` takes it: on its own (`A*B + C`), or with an arrow and the
/// outcome on the other side, `A*B + C -> Y` (the expression is sufficient for Y) or
/// `A + B <- Y` (necessary for Y). `=>` and `<=` are R's other spellings of the arrows.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// The expression (the side that is not the outcome).
    pub expression: Expression,
    /// The relation and the outcome, when the text has an arrow.
    pub arrow: Option<Arrow>,
}

/// The arrow of a [`Statement`]: which relation, and for which outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    /// `->`: sufficiency of the expression for the outcome; `<-`: necessity.
    pub relation: Relation,
    /// The outcome as written (`Y`, `~Y`, `Y[1]`).
    pub outcome: OutcomeSpec,
}

/// An arrow found in a statement's text: where it starts (0-based character index), how
/// many characters it has, and which relation it states (`None` for `<->`, both at once).
struct FoundArrow {
    at: usize,
    len: usize,
    relation: Option<Relation>,
}

fn find_arrows(chars: &[char]) -> Vec<FoundArrow> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let three: String = chars[i..].iter().take(3).collect();
        let two: String = chars[i..].iter().take(2).collect();
        let (len, relation) = if three == "<->" || three == "<=>" {
            (3, None)
        } else if two == "->" || two == "=>" {
            (2, Some(Relation::Sufficiency))
        } else if two == "<-" || two == "<=" {
            (2, Some(Relation::Necessity))
        } else {
            i += 1;
            continue;
        };
        found.push(FoundArrow {
            at: i,
            len,
            relation,
        });
        i += len;
    }
    found
}

/// An error of a part of a statement, placed in the whole text: `offset` characters of the
/// text come before the part.
fn in_statement(e: QcaError, text: &str, offset: usize) -> QcaError {
    match e {
        QcaError::Expression {
            position, message, ..
        } => QcaError::Expression {
            expression: text.to_string(),
            position: position + offset,
            message,
        },
        other => other,
    }
}

impl Statement {
    /// Parses an expression with at most one arrow. The expression is on the left and the
    /// outcome on the right, unless the right side holds `+` or `*`: then, as in R, the
    /// sides are read the other way round and the arrow turned (`Y <- A*B + C` is
    /// `A*B + C -> Y`). `<->` states both relations at once, which `pof()` does not compute:
    /// an error, as in R.
    pub fn parse(text: &str) -> Result<Statement, QcaError> {
        let chars: Vec<char> = text.chars().collect();
        let arrows = find_arrows(&chars);
        let err = |position: usize, message: Msg| QcaError::Expression {
            expression: text.to_string(),
            position,
            message,
        };
        let Some(first) = arrows.first() else {
            return Ok(Statement {
                expression: Expression::parse(text)?,
                arrow: None,
            });
        };
        let written: String = chars[first.at..first.at + first.len].iter().collect();
        let Some(relation) = first.relation else {
            return Err(err(
                first.at + 1,
                msg!("qca-fit-arrow-both", arrow = written),
            ));
        };
        if let Some(second) = arrows.get(1) {
            return Err(err(second.at + 1, msg!("qca-fit-arrow-twice")));
        }
        let left: String = chars[..first.at].iter().collect();
        let right_start = first.at + first.len;
        let right: String = chars[right_start..].iter().collect();
        if left.trim().is_empty() {
            return Err(err(
                first.at + 1,
                msg!("qca-fit-arrow-no-expression", arrow = written.as_str()),
            ));
        }
        if right.trim().is_empty() {
            return Err(err(
                chars.len() + 1,
                msg!("qca-fit-arrow-no-outcome", arrow = written.as_str()),
            ));
        }
        // R (`pof`'s `extract`) turns the statement round when the right side is a
        // compound expression: `Y <- A + B` says A + B is sufficient for Y.
        let swapped = right.contains(['+', '*']);
        let (expr_text, expr_offset, outcome_text, outcome_offset, relation) = if swapped {
            let turned = match relation {
                Relation::Sufficiency => Relation::Necessity,
                Relation::Necessity => Relation::Sufficiency,
            };
            (right.as_str(), right_start, left.as_str(), 0, turned)
        } else {
            (left.as_str(), 0, right.as_str(), right_start, relation)
        };
        if outcome_text.contains(['+', '*', '(', ')']) {
            return Err(err(
                outcome_offset + 1,
                msg!(
                    "qca-fit-arrow-outcome-not-a-set",
                    outcome = outcome_text.trim(),
                    arrow = written.as_str()
                ),
            ));
        }
        let expression =
            Expression::parse(expr_text).map_err(|e| in_statement(e, text, expr_offset))?;
        let outcome =
            OutcomeSpec::parse(outcome_text).map_err(|e| in_statement(e, text, outcome_offset))?;
        if !is_valid_name(&outcome.name) {
            let lead = outcome_text
                .chars()
                .take_while(|c| c.is_whitespace())
                .count();
            return Err(err(
                outcome_offset + lead + 1,
                msg!(
                    "qca-fit-arrow-outcome-not-a-set",
                    outcome = outcome_text.trim(),
                    arrow = written.as_str()
                ),
            ));
        }
        Ok(Statement {
            expression,
            arrow: Some(Arrow { relation, outcome }),
        })
    }
}

impl fmt::Display for Statement {
    /// R's notation: `A*B + C -> Y`, `A + B <- Y`, or the expression alone.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expression)?;
        if let Some(arrow) = &self.arrow {
            let sign = match arrow.relation {
                Relation::Sufficiency => "->",
                Relation::Necessity => "<-",
            };
            write!(f, " {sign} {}", arrow.outcome)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------

type Sop = Vec<Term>;

struct Parser<'a> {
    text: &'a str,
    chars: Vec<char>,
    pos: usize,
    /// Brackets and negations open around the current position.
    depth: usize,
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic()
}

/// Whether `name` can stand for a set in an expression: a letter, then letters, digits,
/// `_`, `.` or `-`. A column named `~C`, `1` or `A*B` would be read as NOT C, as TRUE, or
/// as A AND B, so data with such names is refused when it is read ([`crate::SetData::new`]).
pub fn is_valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.' || c == '-'
}

impl Parser<'_> {
    fn error(&self, position: usize, message: Msg) -> QcaError {
        QcaError::Expression {
            expression: self.text.to_string(),
            position,
            message,
        }
    }

    fn skip_ws(&mut self) {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_ws();
        self.chars.get(self.pos).copied()
    }

    fn too_large(&self, at: usize) -> QcaError {
        self.error(at, msg!("qca-expr-too-large", max = MAX_EXPANDED_TERMS))
    }

    /// `sum := product ('+' product)*`; `open` is the position of the enclosing '('.
    fn sum(&mut self, open: Option<usize>) -> Result<Sop, QcaError> {
        let start = self.pos + 1;
        let mut terms = self.product(None)?;
        let mut seen: HashSet<Term> = terms.iter().cloned().collect();
        while self.peek() == Some('+') {
            self.pos += 1;
            let more = self.product(Some('+'))?;
            for t in more {
                if seen.insert(t.clone()) {
                    terms.push(t);
                }
            }
            if terms.len() > MAX_EXPANDED_TERMS {
                return Err(self.too_large(start));
            }
        }
        if let Some(open) = open {
            match self.peek() {
                Some(')') => self.pos += 1,
                None => {
                    return Err(
                        self.error(open, msg!("qca-expr-unclosed", open = '(', close = ')'))
                    );
                }
                Some(c) => {
                    return Err(
                        self.error(self.pos + 1, msg!("qca-expr-unexpected-in-group", char = c))
                    );
                }
            }
        }
        Ok(terms)
    }

    /// `product := factor (('*' | juxtaposition) factor)*`. Juxtaposition (implicit AND)
    /// is accepted only next to a bracket or a tilde, as in `(A + B)(C + D)` or `A[1]B[0]`,
    /// so that `A B` (probably a name with a space) stays an error.
    fn product(&mut self, after: Option<char>) -> Result<Sop, QcaError> {
        let start = self.pos + 1;
        let (mut sop, mut closed) = self.factor(after)?;
        loop {
            let explicit = match self.peek() {
                Some('*') => {
                    self.pos += 1;
                    true
                }
                Some(c) if c == '(' || c == '~' || (closed && is_name_start(c)) => false,
                Some(c) if is_name_start(c) || c.is_ascii_digit() => {
                    return Err(self.error(self.pos + 1, msg!("qca-expr-missing-operator")));
                }
                _ => break,
            };
            let (next, next_closed) = self.factor(if explicit { Some('*') } else { None })?;
            closed = next_closed;
            sop = multiply(&sop, &next);
            if sop.len() > MAX_EXPANDED_TERMS {
                return Err(self.too_large(start));
            }
        }
        Ok(sop)
    }

    /// `factor := '~' factor | '(' sum ')' | '0' | '1' | literal`. Returns the factor and
    /// whether it ended with a closing bracket (for juxtaposition).
    fn factor(&mut self, after: Option<char>) -> Result<(Sop, bool), QcaError> {
        let expected = || match after {
            Some(op) => msg!("qca-expr-expected-name-after", op = op),
            None => msg!("qca-expr-expected-name"),
        };
        let Some(c) = self.peek() else {
            return Err(self.error(self.chars.len() + 1, expected()));
        };
        let at = self.pos + 1;
        if (c == '~' || c == '(') && self.depth >= MAX_NESTING {
            return Err(self.error(at, msg!("qca-expr-too-deep", max = MAX_NESTING)));
        }
        match c {
            '~' => {
                self.pos += 1;
                self.depth += 1;
                let inner = self.factor(Some('~'));
                self.depth -= 1;
                let (inner, closed) = inner?;
                let negated = negate_sop(&inner).ok_or_else(|| self.too_large(at))?;
                Ok((negated, closed))
            }
            '(' => {
                self.pos += 1;
                if self.peek() == Some(')') {
                    return Err(
                        self.error(self.pos + 1, msg!("qca-expr-expected-name-after", op = '('))
                    );
                }
                self.depth += 1;
                let inner = self.sum(Some(at));
                self.depth -= 1;
                Ok((inner?, true))
            }
            '0' | '1'
                if !self
                    .chars
                    .get(self.pos + 1)
                    .is_some_and(|&d| is_name_char(d)) =>
            {
                self.pos += 1;
                let sop = if c == '1' {
                    vec![Term::default()]
                } else {
                    Vec::new()
                };
                Ok((sop, false))
            }
            c if is_name_start(c) => {
                let (lit, closed) = self.literal()?;
                Ok((vec![Term::new(vec![lit])], closed))
            }
            c if c.is_ascii_digit() || c == '_' || c == '.' || c == '-' => {
                Err(self.error(at, msg!("qca-expr-name-start", expected = expected())))
            }
            '*' | '+' | ')' => Err(self.error(at, expected())),
            other => Err(self.error(at, msg!("qca-expr-unexpected", char = other))),
        }
    }

    fn literal(&mut self) -> Result<(Literal, bool), QcaError> {
        let start = self.pos;
        while self.chars.get(self.pos).is_some_and(|&c| is_name_char(c)) {
            self.pos += 1;
        }
        if self.chars[self.pos - 1] == '-' {
            return Err(self.error(self.pos, msg!("qca-expr-name-ends-dash")));
        }
        let name: String = self.chars[start..self.pos].iter().collect();
        // No whitespace between a name and its level list: `A [1]` is not a literal.
        let close = match self.chars.get(self.pos) {
            Some('[') => ']',
            Some('{') => '}',
            _ => return Ok((Literal::binary(&name, false), false)),
        };
        let open_at = self.pos + 1;
        let open_char = self.chars[self.pos];
        self.pos += 1;
        let mut levels: Vec<u8> = Vec::new();
        loop {
            match self.peek() {
                None => {
                    return Err(self.error(
                        open_at,
                        msg!("qca-expr-unclosed", open = open_char, close = close),
                    ));
                }
                Some(c) if c == close && levels.is_empty() => {
                    return Err(self.error(self.pos + 1, msg!("qca-expr-empty-levels")));
                }
                Some(c) if c.is_ascii_digit() => {
                    let at = self.pos + 1;
                    let mut value: u32 = 0;
                    while let Some(d) = self.chars.get(self.pos).and_then(|c| c.to_digit(10)) {
                        value = (value * 10 + d).min(1000);
                        self.pos += 1;
                    }
                    let level = u8::try_from(value)
                        .map_err(|_| self.error(at, msg!("qca-expr-level-too-large", max = 255)))?;
                    if !levels.contains(&level) {
                        levels.push(level);
                    }
                }
                Some(c) => {
                    return Err(self.error(self.pos + 1, msg!("qca-expr-expected-level", char = c)));
                }
            }
            match self.peek() {
                Some(',') => {
                    self.pos += 1;
                    if self.peek() == Some(close) {
                        return Err(
                            self.error(self.pos + 1, msg!("qca-expr-expected-level-after-comma"))
                        );
                    }
                }
                Some(c) if c == close => {
                    self.pos += 1;
                    break;
                }
                None => {
                    return Err(self.error(
                        open_at,
                        msg!("qca-expr-unclosed", open = open_char, close = close),
                    ));
                }
                Some(c) => {
                    return Err(self.error(
                        self.pos + 1,
                        msg!("qca-expr-expected-level-separator", close = close, char = c),
                    ));
                }
            }
        }
        Ok((Literal::multi(&name, &levels, false), true))
    }
}

/// The conjunction of two sums of products, multiplied out.
fn multiply(a: &Sop, b: &Sop) -> Sop {
    let mut out: Sop = Vec::new();
    let mut seen: HashSet<Term> = HashSet::new();
    for x in a {
        for y in b {
            if let Some(t) = x.and(y)
                && seen.insert(t.clone())
            {
                out.push(t);
            }
        }
    }
    out
}

/// Drops terms that contain all literals of another term (they add nothing to a sum).
fn absorb(terms: Sop) -> Sop {
    let sets: Vec<HashSet<&Literal>> = terms.iter().map(Term::literal_set).collect();
    let keep: Vec<bool> = (0..terms.len())
        .map(|i| {
            !(0..terms.len()).any(|j| {
                j != i && sets[j].is_subset(&sets[i]) && (sets[j].len() < sets[i].len() || j < i)
            })
        })
        .collect();
    terms
        .into_iter()
        .zip(keep)
        .filter_map(|(t, k)| k.then_some(t))
        .collect()
}

/// De Morgan on a sum of products, multiplied out with absorption; `None` when too large.
fn negate_sop(sop: &Sop) -> Option<Sop> {
    let mut acc: Sop = vec![Term::default()];
    for term in sop {
        let alternatives: Sop = term
            .literals
            .iter()
            .map(|l| Term::new(vec![l.negation()]))
            .collect();
        acc = absorb(multiply(&acc, &alternatives));
        if acc.len() > MAX_EXPANDED_TERMS {
            return None;
        }
    }
    Some(acc)
}

// ---------------------------------------------------------------------------------------
// Exact simplification on level-set cubes
// ---------------------------------------------------------------------------------------

/// A product of level sets, one bit mask per condition (bit l = level l allowed).
type Cube = Vec<u64>;

/// The conditions of a simplification with their levels, in printing order.
struct Space {
    names: Vec<String>,
    levels: Vec<u8>,
    full: Vec<u64>,
}

impl Space {
    fn new(
        expr: &Expression,
        order: &[String],
        noflevels: NofLevels<'_>,
    ) -> Result<Space, QcaError> {
        let used = expr.conditions();
        if let Some(missing) = used.iter().find(|c| !order.contains(c)) {
            return Err(QcaError::Settings(msg!(
                "qca-simplify-order-missing",
                name = missing
            )));
        }
        let mut names: Vec<String> = Vec::new();
        for c in order {
            if used.contains(c) && !names.contains(c) {
                names.push(c.clone());
            }
        }
        if names.len() > MAX_SIMPLIFY_CONDITIONS {
            return Err(QcaError::Settings(msg!(
                "qca-simplify-too-many-conditions",
                conditions = names.len(),
                max = MAX_SIMPLIFY_CONDITIONS
            )));
        }
        let mut levels = Vec::with_capacity(names.len());
        let mut configurations: usize = 1;
        for name in &names {
            let k = noflevels(name).unwrap_or(2);
            if !(2..=64).contains(&k) {
                return Err(QcaError::Settings(msg!(
                    "qca-simplify-bad-levels",
                    name = name,
                    levels = k
                )));
            }
            configurations = configurations.saturating_mul(usize::from(k));
            levels.push(k);
        }
        if configurations > MAX_CONFIGURATIONS {
            return Err(QcaError::Settings(msg!(
                "qca-simplify-too-many-configurations",
                configurations = configurations,
                max = MAX_CONFIGURATIONS
            )));
        }
        let full = levels
            .iter()
            .map(|&k| if k == 64 { u64::MAX } else { (1u64 << k) - 1 })
            .collect();
        Ok(Space {
            names,
            levels,
            full,
        })
    }

    fn index(&self, name: &str) -> usize {
        self.names.iter().position(|n| n == name).unwrap_or(0)
    }

    /// The expression's terms as cubes; contradictory terms vanish.
    fn cubes(&self, expr: &Expression) -> Result<Vec<Cube>, QcaError> {
        let mut out = Vec::new();
        'terms: for t in &expr.terms {
            let mut cube = self.full.clone();
            for l in &t.literals {
                let i = self.index(&l.condition);
                let k = self.levels[i];
                let mask = match &l.levels {
                    None if k == 2 => 0b10,
                    None => {
                        return Err(QcaError::Settings(msg!(
                            "qca-simplify-bare-multi-value",
                            name = &l.condition,
                            levels = k
                        )));
                    }
                    Some(levels) => {
                        let mut m = 0u64;
                        for &lv in levels {
                            if lv >= k {
                                return Err(QcaError::Settings(msg!(
                                    "qca-simplify-level-out-of-range",
                                    literal = l.to_string(),
                                    level = lv,
                                    name = &l.condition,
                                    levels = k,
                                    max = k - 1
                                )));
                            }
                            m |= 1 << lv;
                        }
                        m
                    }
                };
                let mask = if l.negated {
                    self.full[i] & !mask
                } else {
                    mask
                };
                cube[i] &= mask;
                if cube[i] == 0 {
                    continue 'terms;
                }
            }
            out.push(cube);
        }
        Ok(out)
    }

    fn contains_config(cube: &Cube, config: &[u8]) -> bool {
        cube.iter().zip(config).all(|(m, &l)| m >> l & 1 == 1)
    }

    fn n_literals(&self, cube: &Cube) -> usize {
        cube.iter().zip(&self.full).filter(|(m, f)| m != f).count()
    }

    fn term(&self, cube: &Cube) -> Term {
        let mut literals = Vec::new();
        for (i, (&m, &f)) in cube.iter().zip(&self.full).enumerate() {
            if m == f {
                continue;
            }
            let name = &self.names[i];
            if self.levels[i] == 2 {
                literals.push(Literal::binary(name, m == 0b01));
            } else {
                let levels: Vec<u8> = (0..self.levels[i]).filter(|&l| m >> l & 1 == 1).collect();
                literals.push(Literal::multi(name, &levels, false));
            }
        }
        Term::new(literals)
    }

    /// Canonical order of terms: fewer literals first, then by condition order, with a
    /// present binary condition before its absence and lower levels first.
    fn sort_key(&self, cube: &Cube) -> (usize, Vec<(usize, Vec<u8>)>) {
        let mut key = Vec::new();
        for (i, (&m, &f)) in cube.iter().zip(&self.full).enumerate() {
            if m == f {
                continue;
            }
            let levels: Vec<u8> = if self.levels[i] == 2 {
                vec![if m == 0b10 { 0 } else { 1 }]
            } else {
                (0..self.levels[i]).filter(|&l| m >> l & 1 == 1).collect()
            };
            key.push((i, levels));
        }
        (key.len(), key)
    }
}

fn subset(a: &Cube, b: &Cube) -> bool {
    a.iter().zip(b).all(|(x, y)| x & !y == 0)
}

/// The complement of a union of cubes as a union of cubes (De Morgan, with absorption).
fn complement_cover(space: &Space, cubes: &[Cube]) -> Result<Vec<Cube>, QcaError> {
    let mut acc: Vec<Cube> = vec![space.full.clone()];
    for c in cubes {
        let mut next: Vec<Cube> = Vec::new();
        for a in &acc {
            for (i, (&m, &f)) in c.iter().zip(&space.full).enumerate() {
                if m == f {
                    continue;
                }
                let mut d = a.clone();
                d[i] &= f & !m;
                if d[i] != 0 {
                    add_absorbed(&mut next, d);
                }
            }
        }
        if next.len() > MAX_EXPANDED_TERMS {
            return Err(QcaError::Settings(msg!(
                "qca-simplify-negation-too-large",
                max = MAX_EXPANDED_TERMS
            )));
        }
        acc = next;
    }
    Ok(acc)
}

/// Adds a cube to a list unless one there contains it; removes the ones it contains.
fn add_absorbed(list: &mut Vec<Cube>, cube: Cube) {
    if list.iter().any(|c| subset(&cube, c)) {
        return;
    }
    list.retain(|c| !subset(c, &cube));
    list.push(cube);
}

/// Every prime implicant of the union of `cover`, by iterated consensus. With level-set
/// literals the consensus of two cubes on condition i is the union on i and the
/// intersection elsewhere; it is taken on every condition where the intersection
/// elsewhere is non-empty.
fn prime_cubes(cover: &[Cube]) -> Result<Vec<Cube>, QcaError> {
    let mut primes: Vec<Cube> = Vec::new();
    let mut queue: Vec<Cube> = cover.to_vec();
    while let Some(c) = queue.pop() {
        if primes.iter().any(|p| subset(&c, p)) {
            continue;
        }
        primes.retain(|p| !subset(p, &c));
        for p in &primes {
            let meet: Vec<u64> = c.iter().zip(p).map(|(x, y)| x & y).collect();
            let empty: Vec<usize> = (0..meet.len()).filter(|&i| meet[i] == 0).collect();
            let candidates: Vec<usize> = match empty.len() {
                0 => (0..meet.len()).collect(),
                1 => empty,
                _ => continue,
            };
            for i in candidates {
                let mut d = meet.clone();
                d[i] = c[i] | p[i];
                if !subset(&d, &c) && !subset(&d, p) {
                    queue.push(d);
                }
            }
        }
        primes.push(c);
        if primes.len() > MAX_PRIMES {
            return Err(QcaError::Settings(msg!(
                "qca-simplify-too-many-primes",
                max = MAX_PRIMES
            )));
        }
    }
    Ok(primes)
}

/// The minimal sum of products of the union of `cover`.
fn minimal_sop(space: &Space, cover: &[Cube]) -> Result<Expression, QcaError> {
    if cover.is_empty() {
        return Ok(Expression::default());
    }
    let mut primes = prime_cubes(cover)?;
    primes.sort_by_cached_key(|c| space.sort_key(c));

    // Chart rows: every configuration covered by the function, reduced to the distinct sets
    // of prime implicants that cover it.
    let n = space.levels.len();
    let mut rows: HashSet<Vec<usize>> = HashSet::new();
    let mut config = vec![0u8; n];
    'configurations: loop {
        if cover.iter().any(|c| Space::contains_config(c, &config)) {
            let row: Vec<usize> = (0..primes.len())
                .filter(|&j| Space::contains_config(&primes[j], &config))
                .collect();
            rows.insert(row);
        }
        // Mixed-radix increment, last condition fastest.
        let mut i = n;
        loop {
            if i == 0 {
                break 'configurations;
            }
            i -= 1;
            config[i] += 1;
            if config[i] < space.levels[i] {
                break;
            }
            config[i] = 0;
        }
    }
    let big = (primes.len() * n + 1) as u64;
    let costs: Vec<u64> = primes
        .iter()
        .map(|c| big + space.n_literals(c) as u64)
        .collect();
    let chosen = min_cover(rows.into_iter().collect(), &costs, primes.len())?;
    let mut cubes: Vec<&Cube> = chosen.iter().map(|&j| &primes[j]).collect();
    cubes.sort_by_cached_key(|c| space.sort_key(c));
    Ok(Expression::new(
        cubes.into_iter().map(|c| space.term(c)).collect(),
    ))
}

/// An exact minimum-cost set cover by branch and bound. `rows[r]` lists the columns that
/// cover row r (every row has at least one). Among covers of equal cost the first one in
/// the search order (cheaper, then lower-numbered columns first) is returned.
fn min_cover(
    rows: Vec<Vec<usize>>,
    costs: &[u64],
    n_primes: usize,
) -> Result<Vec<usize>, QcaError> {
    let mut search = CoverSearch {
        costs,
        best: None,
        nodes: 0,
    };
    search.run(rows, Vec::new(), 0);
    if search.nodes > MAX_COVER_NODES {
        return Err(QcaError::Settings(msg!(
            "qca-simplify-cover-too-large",
            primes = n_primes,
            max = MAX_COVER_NODES
        )));
    }
    let mut chosen = search.best.map(|(_, b)| b).unwrap_or_default();
    chosen.sort_unstable();
    Ok(chosen)
}

fn sorted_subset(a: &[usize], b: &[usize]) -> bool {
    let mut it = b.iter();
    a.iter().all(|x| it.any(|y| y == x))
}

/// Shrinks a chart without losing an optimal cover: columns that are the only one for a
/// row are taken, rows that contain another row are dropped (covering the smaller one
/// covers them), and columns whose rows another column at most as costly also covers are
/// dropped.
fn reduce_chart(
    rows: &mut Vec<Vec<usize>>,
    costs: &[u64],
    chosen: &mut Vec<usize>,
    cost: &mut u64,
) {
    loop {
        if let Some(c) = rows.iter().find(|r| r.len() == 1).map(|r| r[0]) {
            chosen.push(c);
            *cost += costs[c];
            rows.retain(|r| !r.contains(&c));
            continue;
        }
        let before = rows.len();
        rows.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        rows.dedup();
        let mut kept: Vec<Vec<usize>> = Vec::with_capacity(rows.len());
        for r in rows.drain(..) {
            if !kept.iter().any(|k| sorted_subset(k, &r)) {
                kept.push(r);
            }
        }
        *rows = kept;
        let mut changed = rows.len() < before;

        let words = rows.len().div_ceil(64);
        let mut col_rows: std::collections::BTreeMap<usize, Vec<u64>> = Default::default();
        for (i, r) in rows.iter().enumerate() {
            for &c in r {
                col_rows.entry(c).or_insert_with(|| vec![0; words])[i / 64] |= 1 << (i % 64);
            }
        }
        let cols: Vec<(&usize, &Vec<u64>)> = col_rows.iter().collect();
        let mut dropped: HashSet<usize> = HashSet::new();
        for &(&j, bits_j) in &cols {
            let dominated = cols.iter().any(|&(&k, bits_k)| {
                if k == j || dropped.contains(&k) || costs[k] > costs[j] {
                    return false;
                }
                if !bits_j.iter().zip(bits_k).all(|(a, b)| a & !b == 0) {
                    return false;
                }
                let same = bits_j == bits_k;
                !same || costs[k] < costs[j] || k < j
            });
            if dominated {
                dropped.insert(j);
            }
        }
        if !dropped.is_empty() {
            for r in rows.iter_mut() {
                r.retain(|c| !dropped.contains(c));
            }
            changed = true;
        }
        if !changed {
            return;
        }
    }
}

/// Sum of the cheapest column of rows that share no column: every cover pays at least that.
fn cover_lower_bound(rows: &[Vec<usize>], costs: &[u64]) -> u64 {
    let mut used: HashSet<usize> = HashSet::new();
    let mut bound = 0;
    for cols in rows {
        if cols.iter().any(|c| used.contains(c)) {
            continue;
        }
        bound += cols.iter().map(|&c| costs[c]).min().unwrap_or(0);
        used.extend(cols.iter().copied());
    }
    bound
}

struct CoverSearch<'a> {
    costs: &'a [u64],
    best: Option<(u64, Vec<usize>)>,
    nodes: usize,
}

impl CoverSearch<'_> {
    fn run(&mut self, mut rows: Vec<Vec<usize>>, mut chosen: Vec<usize>, mut cost: u64) {
        self.nodes += 1;
        if self.nodes > MAX_COVER_NODES {
            return;
        }
        let costs = self.costs;
        reduce_chart(&mut rows, costs, &mut chosen, &mut cost);
        if let Some((b, _)) = &self.best
            && cost + cover_lower_bound(&rows, costs) >= *b
        {
            return;
        }
        let Some(target) = rows.first().cloned() else {
            self.best = Some((cost, chosen));
            return;
        };
        // Rows are sorted by length, so `target` has the fewest columns. Branch on each of
        // them; later branches exclude the columns already tried (those covers were searched).
        let mut cols = target;
        cols.sort_by_key(|&c| (costs[c], c));
        for (i, &c) in cols.iter().enumerate() {
            let excluded = &cols[..i];
            let mut sub: Vec<Vec<usize>> = Vec::with_capacity(rows.len());
            let mut feasible = true;
            for r in rows.iter().filter(|r| !r.contains(&c)) {
                let r: Vec<usize> = r
                    .iter()
                    .copied()
                    .filter(|x| !excluded.contains(x))
                    .collect();
                if r.is_empty() {
                    feasible = false;
                    break;
                }
                sub.push(r);
            }
            if !feasible {
                continue;
            }
            let mut next = chosen.clone();
            next.push(c);
            self.run(sub, next, cost + costs[c]);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Factorisation
// ---------------------------------------------------------------------------------------

/// One part of a factorisation: a single term, or a common factor with the terms it
/// was taken out of.
enum Part {
    Single(usize),
    Factored(Vec<Literal>, Vec<usize>),
}

/// `levels_known`: without known levels, parts with multi-value literals are not
/// simplified (`A[0] + A[1]` is everything only if A has two levels).
fn factorize(expr: &Expression, noflevels: NofLevels<'_>, levels_known: bool) -> Vec<String> {
    if expr.terms.is_empty() {
        return vec![expr.to_string()];
    }
    let order = expr.conditions();
    let rank = |l: &Literal| {
        (
            order
                .iter()
                .position(|c| *c == l.condition)
                .unwrap_or(usize::MAX),
            l.clone(),
        )
    };
    let mut terms: Vec<Vec<Literal>> = Vec::new();
    for t in &expr.terms {
        let mut lits = t.literals.clone();
        lits.sort_by_key(|l| rank(l));
        lits.dedup();
        if !terms.contains(&lits) {
            terms.push(lits);
        }
    }
    let all: Vec<usize> = (0..terms.len()).collect();
    let mut found = Vec::new();
    factorizations(&terms, &all, &rank, &mut found);
    let mut out: Vec<String> = Vec::new();
    for parts in found {
        let s = render(&terms, parts, &order, noflevels, levels_known);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// All factorisations of the terms `idx`: for every common factor (a non-empty set of
/// literals that is the intersection of at least two terms), the terms containing it are
/// grouped and the remaining terms are factorised recursively.
fn factorizations(
    terms: &[Vec<Literal>],
    idx: &[usize],
    rank: &dyn Fn(&Literal) -> (usize, Literal),
    out: &mut Vec<Vec<Part>>,
) {
    let mut factors: Vec<Vec<Literal>> = Vec::new();
    for (a, &i) in idx.iter().enumerate() {
        for &j in &idx[a + 1..] {
            let common: Vec<Literal> = terms[i]
                .iter()
                .filter(|l| terms[j].contains(l))
                .cloned()
                .collect();
            if !common.is_empty() && !factors.contains(&common) {
                factors.push(common);
            }
        }
    }
    // Intersections of more than two terms are intersections of pairwise ones.
    let mut k = 0;
    while k < factors.len() {
        for j in 0..k {
            let common: Vec<Literal> = factors[k]
                .iter()
                .filter(|l| factors[j].contains(l))
                .cloned()
                .collect();
            if !common.is_empty() && !factors.contains(&common) {
                factors.push(common);
            }
        }
        k += 1;
    }
    if factors.is_empty() {
        out.push(idx.iter().map(|&i| Part::Single(i)).collect());
        return;
    }
    factors.sort_by_key(|f| (f.len(), f.iter().map(rank).collect::<Vec<_>>()));
    for factor in factors {
        if out.len() >= MAX_FACTORIZATIONS {
            return;
        }
        let (group, rest): (Vec<usize>, Vec<usize>) = idx
            .iter()
            .partition(|&&i| factor.iter().all(|l| terms[i].contains(l)));
        // The factor is everything the group shares, so it is not extended further here.
        if rest.is_empty() {
            out.push(vec![Part::Factored(factor, group)]);
            continue;
        }
        let mut sub = Vec::new();
        factorizations(terms, &rest, rank, &mut sub);
        for mut parts in sub {
            parts.insert(0, Part::Factored(factor.clone(), group.clone()));
            out.push(parts);
        }
    }
}

fn render(
    terms: &[Vec<Literal>],
    mut parts: Vec<Part>,
    order: &[String],
    noflevels: NofLevels<'_>,
    levels_known: bool,
) -> String {
    let first = |p: &Part| match p {
        Part::Single(i) => *i,
        Part::Factored(_, g) => g.iter().copied().min().unwrap_or(0),
    };
    parts.sort_by_key(first);
    let mut pieces: Vec<String> = Vec::new();
    for part in &parts {
        match part {
            Part::Single(i) => pieces.push(Term::new(terms[*i].clone()).to_string()),
            Part::Factored(factor, group) => {
                let rest: Vec<Term> = group
                    .iter()
                    .map(|&i| {
                        Term::new(
                            terms[i]
                                .iter()
                                .filter(|l| !factor.contains(l))
                                .cloned()
                                .collect(),
                        )
                    })
                    .collect();
                let head = Term::new(factor.clone());
                if rest.iter().any(|t| t.literals.is_empty()) {
                    // factor*(1 + ...) is the factor itself.
                    pieces.push(head.to_string());
                    continue;
                }
                let rest = Expression::new(rest);
                let binary = rest
                    .terms
                    .iter()
                    .flat_map(|t| &t.literals)
                    .all(|l| l.levels.is_none());
                let rest = if binary || levels_known {
                    rest.simplify_in(order, noflevels).unwrap_or(rest)
                } else {
                    rest
                };
                match rest.terms.len() {
                    0 => {}
                    1 => {
                        let mut lits = factor.clone();
                        lits.extend(rest.terms[0].literals.iter().cloned());
                        pieces.push(Term::new(lits).to_string());
                    }
                    _ => pieces.push(format!("{head}*({rest})")),
                }
            }
        }
    }
    if pieces.is_empty() {
        "0".to_string()
    } else {
        pieces.join(" + ")
    }
}
