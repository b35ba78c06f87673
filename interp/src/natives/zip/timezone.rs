//! `java.util.TimeZone`'s natives, found the way the JDK's Linux `TimeZone_md.c` finds them:
//! `TZ`, else `/etc/timezone`, else the zone `/etc/localtime` links to (or the file under
//! `/usr/share/zoneinfo` with the same bytes); the fallback is `GMT±hh:mm` from `localtime`.
//!
//! They sit with the zip natives because every `ZipEntry` time goes through
//! `TimeZone.getDefault()` (`ZipOutputStream.putNextEntry` stamps the current time), and the
//! VM had no other home for them; they belong in a file of their own under `natives/`.

use std::path::{Path, PathBuf};

use crate::vm::Vm;

const ZONEINFO: &str = "/usr/share/zoneinfo";

pub(super) fn register(vm: &mut Vm) {
    vm.register_native(
        "java/util/TimeZone",
        "getSystemTimeZoneID",
        "(Ljava/lang/String;)Ljava/lang/String;",
        |vm, _| {
            let id = system_zone_id(std::env::var_os("TZ").as_deref().and_then(|v| v.to_str()));
            vm.string_or_null(id.as_deref())
        },
    );
    vm.register_native(
        "java/util/TimeZone",
        "getSystemGMTOffsetID",
        "()Ljava/lang/String;",
        |vm, _| vm.create_string(&gmt_offset_id(local_utc_offset())),
    );
}

/// The zone ID for the value of `TZ` (`None` when unset), or `None` when nothing names one.
fn system_zone_id(tz: Option<&str>) -> Option<String> {
    let tz = match tz {
        Some(t) if !t.is_empty() => t.to_owned(),
        _ => platform_zone_id()?,
    };
    let tz = tz.strip_prefix(':').unwrap_or(&tz);
    let tz = tz.strip_prefix("posix/").unwrap_or(tz);
    Some(tz.to_owned())
}

/// `/etc/timezone`'s first line, else the zone `/etc/localtime` names.
fn platform_zone_id() -> Option<String> {
    if let Ok(text) = std::fs::read_to_string("/etc/timezone") {
        let line = text.lines().next().unwrap_or("");
        if !line.is_empty() {
            return Some(line.to_owned());
        }
    }
    let localtime = Path::new("/etc/localtime");
    let meta = std::fs::symlink_metadata(localtime).ok()?;
    if meta.file_type().is_symlink() {
        let target = std::fs::read_link(localtime).ok()?;
        return zone_of_link(&target.to_string_lossy());
    }
    let bytes = std::fs::read(localtime).ok()?;
    find_same_file(Path::new(ZONEINFO), &bytes, Path::new(""))
}

/// The part of a link target after `zoneinfo/`, with repeated slashes and `./` removed.
fn zone_of_link(target: &str) -> Option<String> {
    let parts: Vec<&str> = target
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let at = parts.iter().position(|p| *p == "zoneinfo")?;
    let zone = parts[at + 1..].join("/");
    (!zone.is_empty()).then_some(zone)
}

/// The zone file under `dir` whose bytes are `wanted`, as a path relative to the zoneinfo
/// root (`relative`); skips the aliases the JDK skips.
fn find_same_file(dir: &Path, wanted: &[u8], relative: &Path) -> Option<String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name()?.to_string_lossy().into_owned();
        if name.starts_with('.') || matches!(name.as_str(), "ROC" | "posixrules" | "localtime") {
            continue;
        }
        let meta = std::fs::metadata(&path).ok()?;
        if meta.is_dir() {
            if let Some(found) = find_same_file(&path, wanted, &relative.join(&name)) {
                return Some(found);
            }
        } else if meta.len() == wanted.len() as u64
            && std::fs::read(&path).is_ok_and(|b| b == wanted)
        {
            return Some(relative.join(&name).to_string_lossy().into_owned());
        }
    }
    None
}

/// The local offset from UTC now, in seconds (0 when the C library cannot tell).
fn local_utc_offset() -> i64 {
    // SAFETY: time(NULL) only returns the clock.
    let now = unsafe { libc::time(std::ptr::null_mut()) };
    // SAFETY: an all-zero `tm` is a valid value of this plain C struct.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are valid for the call; localtime_r is thread-safe.
    if unsafe { libc::localtime_r(&now, &mut tm) }.is_null() {
        return 0;
    }
    tm.tm_gmtoff
}

/// `GMT` for offset 0, else `GMT+hh:mm` / `GMT-hh:mm`.
fn gmt_offset_id(offset: i64) -> String {
    if offset == 0 {
        return "GMT".to_owned();
    }
    let sign = if offset > 0 { '+' } else { '-' };
    let abs = offset.abs();
    format!("GMT{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tz_values() {
        assert_eq!(
            system_zone_id(Some("Europe/Paris")).as_deref(),
            Some("Europe/Paris")
        );
        assert_eq!(
            system_zone_id(Some(":Asia/Tokyo")).as_deref(),
            Some("Asia/Tokyo")
        );
        assert_eq!(
            system_zone_id(Some("posix/Etc/UTC")).as_deref(),
            Some("Etc/UTC")
        );
    }

    #[test]
    fn link_targets() {
        assert_eq!(
            zone_of_link("/usr/share/zoneinfo/Etc/UTC").as_deref(),
            Some("Etc/UTC")
        );
        assert_eq!(
            zone_of_link("../usr/share//zoneinfo/./America/New_York").as_deref(),
            Some("America/New_York")
        );
        assert_eq!(zone_of_link("/etc/elsewhere"), None);
    }

    #[test]
    fn offsets() {
        assert_eq!(gmt_offset_id(0), "GMT");
        assert_eq!(gmt_offset_id(19_800), "GMT+05:30");
        assert_eq!(gmt_offset_id(-3600 * 8), "GMT-08:00");
    }
}
