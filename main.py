"""The 8890 hotline desk: the one place that builds the real pieces and hands them in.

``python main.py`` starts the desk on the embedded SQLite database in the user data folder;
``--db URL`` or ``HOTLINE_DB_URL`` selects another database (``postgresql://...`` works the
same). ``python main.py --help`` lists the subcommands.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path

from core.errors import DeskError

log = logging.getLogger("hotline")

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A bad argument or situation on the command line; printed in Chinese and English."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


# --- wiring ---------------------------------------------------------------------------------


def database_url(arg: str | None) -> str:
    """``--db``, else ``$HOTLINE_DB_URL``, else the config file's ``[database] url``
    (``db/config.py``), else the SQLite file in the user data folder."""
    from db.config import configured_url
    from db.setup import URL_ENV, default_database_path

    return (arg or os.environ.get(URL_ENV) or configured_url()
            or str(default_database_path()))


def setup_logging(verbose: bool = False) -> Path | None:
    """Log to a rotating file under the user log folder (and to stderr when verbose)."""
    from platformdirs import user_log_dir

    root = logging.getLogger()
    root.setLevel(logging.INFO)
    path: Path | None = Path(user_log_dir("hotline8890", appauthor=False)) / "desk.log"
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5,
                                                       encoding="utf-8")
    except OSError:
        path, handler = None, logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if verbose:
        root.addHandler(logging.StreamHandler(sys.stderr))
    return path


def open_db(args: argparse.Namespace):  # noqa: ANN201 - db.setup.Database
    from db.setup import open_database

    return open_database(database_url(args.db))


def console_admin():  # noqa: ANN201 - core.model.Actor
    """Whoever can run the command line against the database acts as its administrator."""
    from core.model import Actor, Role

    return Actor(None, "console", frozenset({Role.ADMINISTRATOR}))


def parse_local_time(text: str) -> datetime:
    """``YYYY-MM-DD HH:MM[:SS]`` or ``YYYY-MM-DD`` in Asia/Shanghai, or ISO with an offset."""
    from core.calendar import SHANGHAI

    raw = text.strip()
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
                "%Y-%m-%d"):
        try:
            return datetime.strptime(raw, fmt).replace(tzinfo=SHANGHAI)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        raise CliError(
            f"无法识别的时间“{text}”，请使用“YYYY-MM-DD HH:MM”（北京时间）",
            f"unrecognised time '{text}'; use 'YYYY-MM-DD HH:MM' (Asia/Shanghai)",
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=SHANGHAI)


def calendar_warning(db, language: str | None = None) -> str | None:  # noqa: ANN001
    """The status-bar warning when the current or next year has no holiday data."""
    from core import admin
    from core.calendar import SHANGHAI
    from core.clock import SystemClock

    year = SystemClock().now().astimezone(SHANGHAI).year
    missing = admin.calendar_years_without_data(db.uow(write=False), [year, year + 1])
    if not missing:
        return None
    lang = language or os.environ.get("HOTLINE_LANG") or "zh_CN"
    if lang.lower().startswith("en"):
        return (f"No holiday data for {', '.join(str(y) for y in missing)}: working days "
                "fall back to Monday-Friday; import the holiday schedule")
    years = "、".join(str(y) for y in missing)
    return f"{years}年无节假日数据，按周一至周五计算工作日，请导入节假日安排"


def idle_lock_minutes(db) -> int:  # noqa: ANN001
    """After how many idle minutes the desk locks itself: $HOTLINE_IDLE_LOCK_MINUTES, else the
    setting ``idle_lock_minutes``, else 15; 0 never locks."""
    from core import admin

    raw = os.environ.get("HOTLINE_IDLE_LOCK_MINUTES", "").strip()
    if raw:
        try:
            return max(0, int(raw))
        except ValueError:
            log.warning("HOTLINE_IDLE_LOCK_MINUTES=%r is not a whole number; ignored", raw)
    return admin.login_limits(db.uow(write=False)).idle_lock_minutes


# --- commands -------------------------------------------------------------------------------


def cmd_desk(args: argparse.Namespace) -> int:
    db = open_db(args)
    if args.demo:
        from core import demo

        if demo.centre_is_empty(db.uow()):
            print("正在生成演示数据… / Building the demo centre…", flush=True)
            _run_demo(db, orders=1000, seed=8890)
    from core.clock import SystemClock
    from db.change_watch import change_marker
    from db.notification_queries import notifications_factory
    from db.order_queries import queries_factory
    from db.setup import default_database_path
    from db.stats_queries import stats_reader
    from gui.app import DeskWiring, run_desk

    wiring = DeskWiring(
        uow=db.uow, queries=queries_factory(db), clock=SystemClock(), db_label=db.label,
        version=_version(), data_dir=default_database_path().parent,
        calendar_warning=calendar_warning(db, args.lang),
        extras={"stats_reader": lambda: stats_reader(db), "change_marker": change_marker(db),
                "intake_uow": intake_uow(db), "notifications": notifications_factory(db),
                "opinion_uow": intake_uow(db)})
    wiring.extras["idle_lock_minutes"] = idle_lock_minutes(db)
    if db.backend == "postgresql":  # announced changes (LISTEN/NOTIFY) instead of polling
        from db.change_listener import ChangeListener

        del wiring.extras["change_marker"]
        wiring.extras["change_listener"] = ChangeListener(db.url)
    scheduler = scheduler_for(db, SystemClock())
    scheduler.start()
    try:
        return run_desk(wiring, sys.argv[:1], language=args.lang, bench=bench_start(args))
    finally:
        scheduler.shutdown(wait=False)


BENCH_SIGN_IN_ENV = "HOTLINE_BENCH_SIGN_IN"


def bench_start(args: argparse.Namespace):  # noqa: ANN201 - gui.app.BenchStart | None
    """The hidden ``--bench-ready-file PATH`` of the benchmark's cold start (``bench/desk_ops.py``):
    the desk writes what its window shows to PATH and quits as soon as it is usable. With
    ``$HOTLINE_BENCH_SIGN_IN`` ("user:password") the credentials are typed into the login
    dialog, which checks them as always; without it someone signs in by hand."""
    if not args.bench_ready_file:
        return None
    from gui.app import BenchStart

    user, _, password = os.environ.get(BENCH_SIGN_IN_ENV, "").partition(":")
    return BenchStart(Path(args.bench_ready_file), (user, password) if user else None)


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("hotline8890")
    except Exception:  # noqa: BLE001 - not installed as a package: run from a checkout
        return "0.1.0"


def cmd_init(args: argparse.Namespace) -> int:
    from core import admin
    from core.clock import SystemClock

    db = open_db(args)
    print(f"数据库已就绪 / database ready: {db.label}")
    with db.uow() as uow:
        users = uow.users.count()
    if users:
        print(f"已有 {users} 个用户，未创建管理员 / {users} users exist; no administrator created")
        return EXIT_OK
    password = _new_password(args.password, "HOTLINE_ADMIN_PASSWORD")
    admin.create_first_administrator(db.uow(), SystemClock(), args.admin, "系统管理员", password)
    print(f"已创建管理员 {args.admin} / administrator '{args.admin}' created")
    return EXIT_OK


def _new_password(given: str | None, env: str) -> str:
    if given:
        return given
    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin.isatty():
        raise CliError(f"请用 --password 或环境变量 {env} 提供密码",
                       f"give the password with --password or the environment variable {env}")
    first = getpass.getpass("密码 / password: ")
    if first != getpass.getpass("再次输入 / again: "):
        raise CliError("两次输入的密码不一致", "the two passwords differ")
    return first


def _run_demo(db, orders: int, seed: int) -> None:  # noqa: ANN001
    from core import demo

    def progress(done: int, total: int) -> None:
        if done == total or done % 100 == 0:
            print(f"  {done}/{total}", flush=True)

    result = demo.build_demo_centre(db.uow, orders=orders, seed=seed, progress=progress)
    print(demo.describe(result))


def cmd_demo(args: argparse.Namespace) -> int:
    from core import demo

    if args.orders < 0 or args.orders > 200_000:
        raise CliError("--orders 须在 0 至 200000 之间", "--orders must be from 0 to 200000")
    db = open_db(args)
    if not demo.centre_is_empty(db.uow()):
        raise CliError(
            f"数据库 {db.label} 中已有承办单位或工单，演示数据只写入空数据库。"
            "请用 --db 指定新的数据库文件。",
            f"{db.label} already holds departments or orders; the demo only fills an empty "
            "database. Choose a new file with --db.",
        )
    _run_demo(db, orders=args.orders, seed=args.seed)
    return EXIT_OK


def cmd_synth(args: argparse.Namespace) -> int:
    from db import synth

    if args.orders < 0 or args.orders > 20_000_000:
        raise CliError("--orders 须在 0 至 20000000 之间", "--orders must be from 0 to 20000000")
    db = open_db(args)
    if not synth.is_empty(db):
        raise CliError(
            f"数据库 {db.label} 中已有承办单位或工单，批量数据只写入空数据库。"
            "请用 --db 指定新的数据库。",
            f"{db.label} already holds departments or orders; synth only fills an empty "
            "database. Choose a new one with --db.",
        )

    def progress(done: int, total: int) -> None:
        print(f"  {done}/{total}", flush=True)

    print(f"正在生成 {args.orders} 个工单 / generating {args.orders} orders into {db.label}",
          flush=True)
    result = synth.synthesize(db, args.orders, seed=args.seed, progress=progress)
    print(result.describe())
    return EXIT_OK


def cmd_user_add(args: argparse.Namespace) -> int:
    from core import admin
    from core.clock import SystemClock
    from core.labels import parse_choice
    from core.model import Role

    roles = []
    for text in args.role:
        role = parse_choice(Role, text)
        if role is None:
            raise CliError(f"未知角色“{text}”，可选：{', '.join(r.value for r in Role)}",
                           f"unknown role '{text}'; choose from {', '.join(r.value for r in Role)}")
        roles.append(role)
    db = open_db(args)
    dept_ids = []
    with db.uow() as uow:
        for code in args.department:
            dept = uow.reference.department_by_code(code)
            if dept is None:
                raise CliError(f"承办单位编码“{code}”不存在", f"no department with code '{code}'")
            dept_ids.append(dept.id)
    password = _new_password(args.password, "HOTLINE_USER_PASSWORD")
    user_id = admin.add_user(db.uow(), console_admin(), SystemClock(), args.username,
                             args.name or args.username, password, roles, dept_ids)
    print(f"已添加用户 {args.username}（编号 {user_id}）/ user '{args.username}' added "
          f"(id {user_id})")
    return EXIT_OK


def cmd_calendar_import(args: argparse.Namespace) -> int:
    from core import admin
    from core.calendar_import import CalendarImportError, parse_calendar_file
    from core.clock import SystemClock

    try:
        data = parse_calendar_file(Path(args.file))
    except CalendarImportError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_ERROR
    db = open_db(args)
    count = admin.import_calendar(db.uow(), console_admin(), SystemClock(), data,
                                  source=Path(args.file).name)
    holidays = sum(1 for d in data.days if not d.working)
    years = "、".join(str(y) for y in sorted(data.years))
    print(f"已导入 {years} 年的 {count} 天（放假 {holidays} 天，调休上班 {count - holidays} 天） / "
          f"imported {count} days for {', '.join(str(y) for y in sorted(data.years))} "
          f"({holidays} holidays, {count - holidays} make-up working days)")
    return EXIT_OK


def cmd_calendar_due(args: argparse.Namespace) -> int:
    from core import admin
    from core.calendar import SHANGHAI, LimitUnit

    start = parse_local_time(args.start)
    if args.working_days is not None:
        limit = _limit(LimitUnit.WORKING_DAYS, args.working_days)
    elif args.hours is not None:
        limit = _limit(LimitUnit.HOURS, args.hours)
    else:
        limit = _limit(LimitUnit.MINUTES, args.minutes)
    db = open_db(args)
    cal = admin.working_calendar(db.uow(write=False))
    due = cal.due(start, limit)
    print(due.at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S"))
    if limit.unit is LimitUnit.WORKING_DAYS:
        first, last = start.astimezone(SHANGHAI).date(), due.at.astimezone(SHANGHAI).date()
        names = {
            "override": "管理员维护的节假日表 administrator's table",
            "package": f"chinese-calendar {cal.package_years[0]}–{cal.package_years[-1]}",
            "admin_year": "管理员导入的年度安排 administrator's year",
            "fallback": "周一至周五（无数据）Monday–Friday fallback (no data)",
        }
        sources = sorted({names[str(cal.day_source(first.fromordinal(n)))]
                          for n in range(first.toordinal() + 1, last.toordinal() + 1)})
    else:
        sources = ["自然时间，节假日不停止计时 natural time, holidays do not stop it"]
    print(f"起算 / from: {start.astimezone(SHANGHAI):%Y-%m-%d %H:%M:%S} (Asia/Shanghai); "
          f"时限 / limit: {limit.describe_zh()} / {limit.describe_en()}")
    print(f"日历数据 / calendar data: {', '.join(sources)}")
    if due.fallback_years:
        years = ", ".join(str(y) for y in sorted(due.fallback_years))
        print(f"警告：{years} 年无节假日数据，按周一至周五计算 / warning: no holiday data for "
              f"{years}; Monday-Friday assumed", file=sys.stderr)
    return EXIT_OK


def _limit(unit, amount: int):  # noqa: ANN001, ANN202
    from core.calendar import Limit

    if amount < 1 or amount > 10_000:
        raise CliError("时限须为 1 至 10000 之间的整数",
                       "the limit must be a whole number from 1 to 10000")
    return Limit(unit, amount)


def cmd_sweep(args: argparse.Namespace) -> int:
    from core import deadlines
    from core.clock import SystemClock

    db = open_db(args)
    report = deadlines.sweep(db.uow, SystemClock())
    issued = ", ".join(f"{k} {v}" for k, v in report.issued.items())
    print(f"已检查 {report.checked} 个承办记录 / checked {report.checked} assignments; "
          f"发出 / issued: {issued}; 待回访到期 / callbacks due: {report.callbacks_due}")
    for line in report.errors:
        print(f"  {line}", file=sys.stderr)
    from core.opinion_sweep import sweep_opinion

    opinions = sweep_opinion(intake_uow(db), SystemClock())
    print(f"舆情预警 / public-opinion warnings: 临期 yellow {opinions.issued['yellow']}, "
          f"超期 red {opinions.issued['red']}")
    for line in opinions.errors:
        print(f"  {line}", file=sys.stderr)
    return EXIT_ERROR if report.errors or opinions.errors else EXIT_OK


def cmd_opinion_hours(args: argparse.Namespace) -> int:
    """Show the 舆情 hours in force; with --info/--conference/--response, tighten them."""
    import dataclasses

    from core import opinion

    db = open_db(args)
    hours = opinion.opinion_hours(intake_uow(db)(write=False))
    given = {k: getattr(args, k) for k in ("info", "conference", "response")
             if getattr(args, k) is not None}
    if given:
        hours = dataclasses.replace(hours, **given)
        opinion.set_opinion_hours(intake_uow(db)(), console_admin(), hours)
    print(f"权威信息发布 / authoritative information: {hours.info} h; "
          f"新闻发布会 / press conference: {hours.conference} h; "
          f"回应 / response: {hours.response} h")
    return EXIT_OK


def cmd_service(args: argparse.Namespace) -> int:
    """The scheduler without a window, until SIGTERM or Ctrl+C."""
    import signal

    from core.clock import SystemClock

    db = open_db(args)
    scheduler = scheduler_for(db, SystemClock(), blocking=True, sweep_seconds=args.interval,
                              folder=export_folder(args.export_dir))

    def stop(_signum: int, _frame: object) -> None:
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    print(f"定时任务已启动 / jobs running on {db.label} as {scheduler.holder}; Ctrl+C stops",
          flush=True)
    log.info("service started as %s on %s", scheduler.holder, db.label)
    try:
        scheduler.start()
    except KeyboardInterrupt:
        scheduler.shutdown(wait=False)
    return EXIT_OK


def export_folder(arg: str | None = None) -> Path:
    """Where the Monday job writes the weekly sheets: --export-dir, $HOTLINE_EXPORT_DIR, or
    the folder 'weekly' in the user data folder."""
    from platformdirs import user_data_dir

    raw = arg or os.environ.get("HOTLINE_EXPORT_DIR")
    return Path(raw).expanduser() if raw else Path(user_data_dir("hotline8890",
                                                                   appauthor=False)) / "weekly"


def scheduler_for(db, clock, *, blocking: bool = False, sweep_seconds: float = 60.0,  # noqa: ANN001
                  folder: Path | None = None):  # noqa: ANN201 - core.jobs.DeskScheduler
    """The desk's jobs, wired to this database: the deadline sweep and the weekly sheet."""
    from datetime import timedelta

    from core.jobs import DeskScheduler
    from core.weekly_export import export_last_week
    from db.stats_queries import stats_reader

    target = folder or export_folder()

    def weekly(_uow_factory, job_clock):  # noqa: ANN001, ANN202
        return export_last_week(lambda: stats_reader(db), job_clock, target)

    def poll(_uow_factory, job_clock):  # noqa: ANN001, ANN202
        from core.feeds import run_feed_poll

        return run_feed_poll(intake_uow(db), job_clock)

    def opinions(_uow_factory, job_clock):  # noqa: ANN001, ANN202
        from core.opinion_sweep import sweep_opinion

        return sweep_opinion(intake_uow(db), job_clock)

    nightly = None
    if db.backend == "sqlite":  # PostgreSQL is backed up by its own tools (docs/backup.md)
        from core.backup import nightly_backup
        from db.backup import SqliteBackupStore, sqlite_file

        store, backups = SqliteBackupStore(sqlite_file(db.url)), backup_folder()

        def nightly(_uow_factory, job_clock):  # noqa: ANN001, ANN202
            return nightly_backup(store, job_clock, backups)

    return DeskScheduler(db.uow, clock, blocking=blocking, weekly_export=weekly,
                         sweep_interval=timedelta(seconds=sweep_seconds), feed_poll=poll,
                         opinion_sweep=opinions, backup=nightly)


def backup_folder(arg: str | None = None) -> Path:
    """Where backups go: --to, $HOTLINE_BACKUP_DIR, or 'backups' in the user data folder."""
    from platformdirs import user_data_dir

    raw = arg or os.environ.get("HOTLINE_BACKUP_DIR")
    return Path(raw).expanduser() if raw else Path(user_data_dir("hotline8890",
                                                                   appauthor=False)) / "backups"


def _sqlite_database(args: argparse.Namespace, what_zh: str, what_en: str) -> Path:
    from db.backup import sqlite_file

    path = sqlite_file(database_url(args.db))
    if path is None:
        raise CliError(f"{what_zh}仅适用于 SQLite 数据库；PostgreSQL 请使用 pg_dump / pg_restore",
                       f"{what_en} works on a SQLite database only; for PostgreSQL use pg_dump "
                       "and pg_restore")
    return path


def cmd_backup(args: argparse.Namespace) -> int:
    """An online backup now (the desk may stay open), checked, into the backup folder."""
    from core.backup import make_backup
    from core.clock import SystemClock
    from db.backup import SqliteBackupStore

    path = _sqlite_database(args, "备份", "backup")
    if not path.is_file():
        raise CliError(f"数据库文件 {path} 不存在", f"there is no database file {path}")
    if args.keep < 0:
        raise CliError("--keep 不能为负数", "--keep must not be negative")
    report = make_backup(SqliteBackupStore(path), SystemClock(), backup_folder(args.to),
                         keep=args.keep)
    print(f"已备份 / backup written: {report.path} "
          f"({report.size / 1_048_576:.1f} MB, 工单 orders {report.orders})")
    print("完整性检查通过 / integrity check ok")
    for old in report.pruned:
        print(f"已删除旧备份 / old backup removed: {old.name}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the desk's database by a checked backup; the desk must be closed."""
    from core.clock import SystemClock
    from db.backup import restore

    path = _sqlite_database(args, "恢复", "restore")
    candidate = Path(args.file).expanduser()
    if not candidate.is_file():
        raise CliError(f"备份文件 {candidate} 不存在",
                       f"the backup file {candidate} does not exist")
    report = restore(candidate, path, SystemClock().now())
    print(f"已恢复 / restored: {report.target} <- {candidate} "
          f"(工单 orders {report.check.orders}, 结构版本 revision {report.check.revision})")
    if report.kept is not None:
        print(f"原数据库已保留为 / the replaced database is kept as: {report.kept}")
    return EXIT_OK


def cmd_export_weekly(args: argparse.Namespace) -> int:
    from core.clock import SystemClock
    from core.stats import weekly_report
    from core.stats_model import Period
    from core.weekly_sheet import write_weekly_sheet
    from db.stats_queries import stats_reader

    if args.week:
        period = Period.parse(args.week)
    elif args.start and args.end:
        period = Period.parse(f"{args.start}..{args.end}")
    else:
        raise CliError("请用 --week 2026-W47，或同时给出 --from 与 --to",
                       "give --week 2026-W47, or both --from and --to")
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise CliError(f"输出文件“{out}”须以 .xlsx 结尾", f"the output '{out}' must end in .xlsx")
    db = open_db(args)
    report = weekly_report(lambda: stats_reader(db), console_admin(), SystemClock(), period)
    path = write_weekly_sheet(report, out)
    t = report.total
    rate = "—" if t.satisfaction_rate is None else f"{t.satisfaction_rate:.1%}"
    print(f"已导出 {period.label} 周报 / weekly sheet for {period.label} written: {path}")
    print(f"受理 received {t.received}，回访 callbacks {t.callbacks}，满意率 satisfaction {rate}")
    return EXIT_OK


def cmd_order_show(args: argparse.Namespace) -> int:
    from core import labels
    from core.calendar import SHANGHAI

    db = open_db(args)
    with db.uow() as uow:
        order = uow.orders.get_by_ticket(args.ticket)
        events = uow.orders.events(order.id or 0)
    print(f"{order.ticket_no}  {labels.zh(order.state)} / {labels.en(order.state)}  "
          f"{order.title}")
    for a in order.assignments:
        print(f"  承办 / assignment {a.id}: dept {a.department_id} "
              f"{'主办 lead' if a.lead else '协办 assisting'} {labels.zh(a.state)}  "
              f"签收时限 sign by {a.sign_due.astimezone(SHANGHAI):%Y-%m-%d %H:%M}  "
              f"办理时限 reply by {a.reply_due.astimezone(SHANGHAI):%Y-%m-%d %H:%M}")
    for ev in events:
        print(f"  {ev.at.astimezone(SHANGHAI):%Y-%m-%d %H:%M:%S}  {labels.zh(ev.kind):<8} "
              f"{labels.en(ev.kind):<20} -> {labels.zh(ev.to_state)}")
    return EXIT_OK


def cmd_verify_audit(args: argparse.Namespace) -> int:
    """Check every order's event chain and the administrative chain; exit 1 when broken."""
    from core import audit
    from db.audit_repository import SqlChainReader

    db = open_db(args)

    def progress(orders: int) -> None:
        if orders % 100_000 == 0:
            print(f"  {orders} …", flush=True)

    report = audit.verify(SqlChainReader(db.sessions), progress=progress)
    print(report.summary_zh())
    print(report.summary_en())
    if report.intact:
        print("审计链完整 / the audit trail is intact")
        return EXIT_OK
    first = report.broken[0]
    print(f"首个断链：{first.describe_zh()}\nfirst broken link: {first.describe_en()}")
    for link in report.broken[1:20]:
        print(f"  {link.describe_zh()}\n  {link.describe_en()}")
    if len(report.broken) > 20:
        print(f"  …另有 {len(report.broken) - 20} 处 / … and {len(report.broken) - 20} more")
    return EXIT_ERROR


def intake_uow(db):  # noqa: ANN001, ANN201 - db.setup.Database -> an intake uow factory
    """Units of work that reach the intake's and the 舆情 items' tables (an import into the
    舆情 channel stores each item's platform, link and reach with its order)."""
    from db.opinion_repository import opinion_uow_factory

    return opinion_uow_factory(db.sessions)


def _print_import_report(report) -> None:  # noqa: ANN001 - core.intake.ImportReport
    batch = f"（批次 batch {report.batch_id}）" if report.batch_id is not None else ""
    print(f"{report.source}{batch}")
    print(f"  {report.summary_zh()}")
    print(f"  {report.summary_en()}")
    for row in report.rejected:
        where = f"第 {row.row} 行 / row {row.row}" if row.row is not None else "—"
        print(f"  拒收 rejected {where}: {row.reason_zh} / {row.reason_en}")


def _print_progress(done: int, total: int) -> None:
    if total >= 1000 and (done == total or done % 1000 == 0):
        print(f"  {done}/{total}", flush=True)


def cmd_import(args: argparse.Namespace) -> int:
    from core import intake
    from core.clock import SystemClock

    path = Path(args.file)
    db = open_db(args)
    report = intake.import_file(intake_uow(db), console_admin(), SystemClock(), path,
                                source=args.source, progress=_print_progress)
    _print_import_report(report)
    if args.rejects and report.rejected:
        out = intake.write_rejected_csv(report.rejected, Path(args.rejects))
        print(f"拒收的行已保存到 / rejected rows saved to {out}")
    if not report.read_anything:
        print("错误：没有一条可以导入\nerror: not one item could be imported", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def cmd_poll(args: argparse.Namespace) -> int:
    from core import feeds
    from core.clock import SystemClock

    db = open_db(args)
    outcomes = feeds.poll_feeds(intake_uow(db), console_admin(), SystemClock(), args.feed)
    if not outcomes:
        print("错误：没有启用的数据源，请先用 feed add 添加\n"
              "error: no active feed; add one with 'feed add'", file=sys.stderr)
        return EXIT_ERROR
    for o in outcomes:
        if o.report is not None:
            print(f"{o.feed}: 读取 {o.pages} 页 / {o.pages} page(s) read")
            _print_import_report(o.report)
        else:
            print(f"错误：{o.feed}：{o.error_zh}（位置保持不变，下次重试）\n"
                  f"error: {o.feed}: {o.error_en} (position kept; retried next time)",
                  file=sys.stderr)
        if o.warning_zh:
            print(f"警告：{o.warning_zh}\nwarning: {o.warning_en}", file=sys.stderr)
    return EXIT_OK if all(o.ok for o in outcomes) else EXIT_ERROR


def cmd_feed_add(args: argparse.Namespace) -> int:
    from core import feeds
    from core.clock import SystemClock
    from core.intake_ports import FeedFormat

    mapping: dict[str, str] = {}
    for text in args.map:
        code, sep, category = text.partition("=")
        if not sep or not code.strip() or not category.strip():
            raise CliError(f"映射“{text}”应写作 服务代码=分类编码",
                           f"the mapping '{text}' must read SERVICE_CODE=CATEGORY_CODE")
        mapping[code.strip()] = category.strip()
    start = parse_local_time(args.start) if args.start else None
    db = open_db(args)
    feed = feeds.add_feed(intake_uow(db)(), console_admin(), SystemClock(), args.name, args.url,
                          fmt=FeedFormat(args.format), jurisdiction_id=args.jurisdiction,
                          interval_minutes=args.interval, service_map=mapping, start=start)
    print(f"已添加数据源 {feed.name} / feed '{feed.name}' added: "
          f"{feeds.requests_url(feed, feed.last_position)}")
    return EXIT_OK


def cmd_feed_list(args: argparse.Namespace) -> int:
    from core import feeds
    from core.calendar import SHANGHAI

    def at(moment: datetime | None) -> str:
        return f"{moment.astimezone(SHANGHAI):%Y-%m-%d %H:%M}" if moment else "—"

    db = open_db(args)
    rows = feeds.list_feeds(intake_uow(db)(write=False))
    if not rows:
        print("没有数据源 / no feeds")
    for f in rows:
        state = "启用 active" if f.active else "停用 inactive"
        print(f"{f.name}  {f.format.value}  {state}  每 {f.interval_minutes} 分钟 / every "
              f"{f.interval_minutes} min  {f.base_url}")
        print(f"  位置 position {at(f.last_position)}  上次轮询 last poll {at(f.last_polled_at)}"
              f"  上次成功 last success {at(f.last_success_at)}  映射 mappings "
              f"{len(f.service_map)}")
        if f.last_error:
            print(f"  上次错误 last error: {f.last_error}")
    return EXIT_OK


def cmd_feed_remove(args: argparse.Namespace) -> int:
    from core import feeds

    db = open_db(args)
    feeds.remove_feed(intake_uow(db)(), console_admin(), args.name)
    print(f"已删除数据源 {args.name} / feed '{args.name}' removed")
    return EXIT_OK


# --- the parser -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python main.py",
        description="8890 热线与舆情工单系统 / the 8890 hotline and public-opinion desk. "
        "Without a subcommand, starts the desk.",
    )
    p.add_argument("--db", metavar="URL",
                   help="database URL or SQLite file (default: $HOTLINE_DB_URL, else desk.db "
                   "in the user data folder); e.g. postgresql://user@host/hotline")
    p.add_argument("--lang", choices=["zh_CN", "en"], help="desk language (default zh_CN)")
    p.add_argument("--demo", action="store_true",
                   help="fill an empty database with the demo centre before starting the desk")
    p.add_argument("-v", "--verbose", action="store_true", help="log to stderr too")
    p.add_argument("--bench-ready-file", metavar="PATH", help=argparse.SUPPRESS)  # bench_start
    p.set_defaults(func=cmd_desk)
    sub = p.add_subparsers(title="subcommands", metavar="COMMAND")

    s = sub.add_parser("init", help="create or upgrade the database; create the first "
                       "administrator")
    s.add_argument("--admin", default="admin", help="administrator's user name (default admin)")
    s.add_argument("--password", help="administrator's password (else $HOTLINE_ADMIN_PASSWORD "
                   "or asked)")
    s.set_defaults(func=cmd_init)

    s = sub.add_parser("demo", help="fill an empty database with a realistic demo centre")
    s.add_argument("--orders", type=int, default=1000, help="work orders to create (1000)")
    s.add_argument("--seed", type=int, default=8890, help="random seed (8890)")
    s.set_defaults(func=cmd_demo)

    s = sub.add_parser("synth", help="fill an empty database with a large synthetic data set "
                       "for the benchmark (three years, every state)")
    s.add_argument("--orders", type=int, default=100_000, help="work orders (100000)")
    s.add_argument("--seed", type=int, default=8890, help="random seed (8890)")
    s.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                   help="database URL or SQLite file (as before the subcommand)")
    s.set_defaults(func=cmd_synth)

    user = sub.add_parser("user", help="manage users").add_subparsers(
        metavar="ACTION", required=True)
    s = user.add_parser("add", help="add a user")
    s.add_argument("username")
    s.add_argument("--name", help="display name")
    s.add_argument("--role", action="append", required=True,
                   help="operator, department_staff, supervisor or administrator (repeatable)")
    s.add_argument("--department", action="append", default=[], metavar="CODE",
                   help="department code for department staff (repeatable)")
    s.add_argument("--password", help="password (else $HOTLINE_USER_PASSWORD or asked)")
    s.set_defaults(func=cmd_user_add)

    cal = sub.add_parser("calendar", help="the working-day calendar").add_subparsers(
        metavar="ACTION", required=True)
    s = cal.add_parser("import", help="import holidays and make-up days (CSV or JSON)")
    s.add_argument("file")
    s.set_defaults(func=cmd_calendar_import)
    s = cal.add_parser("due", help="when does a time limit end?")
    s.add_argument("--from", dest="start", required=True, metavar="'YYYY-MM-DD HH:MM'",
                   help="start, in Asia/Shanghai time")
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--working-days", type=int, metavar="N")
    g.add_argument("--hours", type=int, metavar="H")
    g.add_argument("--minutes", type=int, metavar="M")
    s.set_defaults(func=cmd_calendar_due)

    s = sub.add_parser("sweep", help="run the deadline sweep once (warnings, 催办, 督办) and "
                       "the 舆情 clocks' warnings")
    s.set_defaults(func=cmd_sweep)
    s = sub.add_parser("opinion-hours", help="show the 舆情 hours (5/24/48 by the State "
                       "Council's rules); give any of the options to tighten them")
    s.add_argument("--info", type=int, metavar="H", help="authoritative information (<= 5)")
    s.add_argument("--conference", type=int, metavar="H", help="press conference (<= 24)")
    s.add_argument("--response", type=int, metavar="H", help="any other item (<= 48)")
    s.set_defaults(func=cmd_opinion_hours)
    s = sub.add_parser("service", help="run the scheduled jobs without a window")
    s.add_argument("--interval", type=float, default=60.0, metavar="SECONDS",
                   help="deadline sweep interval (60)")
    s.add_argument("--export-dir", metavar="FOLDER",
                   help="where Monday's weekly sheet goes (default $HOTLINE_EXPORT_DIR, else "
                   "'weekly' in the user data folder); the newest 26 are kept")
    s.set_defaults(func=cmd_service)
    s = sub.add_parser("export-weekly", help="write the weekly satisfaction sheet (Excel)")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--week", metavar="2026-W47", help="ISO week, or a month such as 2026-11")
    g.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day of a range")
    s.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day of a range")
    s.add_argument("--out", required=True, metavar="FILE.xlsx")
    s.set_defaults(func=cmd_export_weekly)
    s = sub.add_parser("backup", help="back up the SQLite database now (online: the desk may "
                       "stay open), checked, into the backup folder")
    s.add_argument("--to", metavar="FOLDER", help="backup folder (default $HOTLINE_BACKUP_DIR, "
                   "else 'backups' in the user data folder)")
    s.add_argument("--keep", type=int, default=14, metavar="N",
                   help="keep the newest N backups in the folder (14; 0 keeps all)")
    s.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                   help="database URL or SQLite file (as before the subcommand)")
    s.set_defaults(func=cmd_backup)
    s = sub.add_parser("restore", help="replace the SQLite database by a backup after checking "
                       "it; close the desk first. The replaced database is kept as "
                       "<name>.before-restore-<time>")
    s.add_argument("file", help="the backup file, e.g. desk-20261102-020000.db")
    s.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                   help="database URL or SQLite file (as before the subcommand)")
    s.set_defaults(func=cmd_restore)

    order = sub.add_parser("order", help="work orders").add_subparsers(
        metavar="ACTION", required=True)
    s = order.add_parser("show", help="an order with its assignments and timeline")
    s.add_argument("ticket", help="ticket number, e.g. 8890-20261122-000123")
    s.set_defaults(func=cmd_order_show)

    s = sub.add_parser("verify-audit", help="check the hash chains of every order's events and "
                       "of the administrative changes; name the first broken link (exit 1)")
    s.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                   help="database URL or SQLite file (as before the subcommand)")
    s.set_defaults(func=cmd_verify_audit)

    s = sub.add_parser("import", help="import online messages: a portal spreadsheet (.xlsx, "
                       ".csv) or a saved Open311 response (.json, .xml)")
    s.add_argument("file")
    s.add_argument("--source", metavar="NAME",
                   help="where the messages come from: a channel code such as portal or "
                   "opinion for a spreadsheet, a feed name for an Open311 file (default: sheet, "
                   "or the file name); the same message from the same source is imported once")
    s.add_argument("--rejects", metavar="FILE.csv",
                   help="write the rejected rows here, to fix and import again")
    s.set_defaults(func=cmd_import)
    s = sub.add_parser("poll", help="poll the Open311 feeds once (all active ones, or those "
                       "named)")
    s.add_argument("feed", nargs="*", help="feed names (default: every active feed)")
    s.set_defaults(func=cmd_poll)
    feed = sub.add_parser("feed", help="Open311 feeds").add_subparsers(
        metavar="ACTION", required=True)
    s = feed.add_parser("add", help="add a feed")
    s.add_argument("name", help="a short name: letters, digits, _ or -")
    s.add_argument("url", help="the GeoReport v2 endpoint, e.g. https://city.gov/open311/v2")
    s.add_argument("--format", choices=["json", "xml"], default="json")
    s.add_argument("--jurisdiction", default="", metavar="ID", help="jurisdiction_id, if the "
                   "server needs one")
    s.add_argument("--interval", type=int, default=15, metavar="MINUTES",
                   help="polling interval (15)")
    s.add_argument("--map", action="append", default=[], metavar="SERVICE_CODE=CATEGORY_CODE",
                   help="route a service code to a leaf category (repeatable); its orders are "
                   "dispatched at once to the category's default department")
    s.add_argument("--start", metavar="'YYYY-MM-DD HH:MM'",
                   help="read requests from this time on (Asia/Shanghai; default: what the "
                   "server gives, usually 90 days)")
    s.set_defaults(func=cmd_feed_add)
    s = feed.add_parser("list", help="the feeds and where their polling stands")
    s.set_defaults(func=cmd_feed_list)
    s = feed.add_parser("remove", help="remove a feed (its orders stay)")
    s.add_argument("name")
    s.set_defaults(func=cmd_feed_remove)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    log_path = setup_logging(args.verbose)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except CliError as exc:
        print(f"错误：{exc.zh}\nerror: {exc.en}", file=sys.stderr)
        return EXIT_USAGE
    except DeskError as exc:
        print(f"错误：{exc.message_zh}\nerror: {exc.message_en}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - last resort: say so plainly, details to the log
        log.exception("unexpected error in %s", getattr(func, "__name__", func))
        where = f"; details in {log_path}" if log_path else ""
        print(f"内部错误：{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}\n"
              f"internal error{where}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
