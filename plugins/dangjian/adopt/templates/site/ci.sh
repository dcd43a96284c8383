#!/usr/bin/env bash
# 本站的构建脚本，适用于任何 CI 或自己的服务器（需要 Python 3.11+、git）：
#   bash ci.sh            安装 dangjian，检查、构建、打包、校验
#   bash ci.sh publish    把 build/site 发布到内网服务器（见下方 publish 的说明）
# 产物：build/site/（网站）和 build/dist/*.zip（离线包及其 .sha256）
set -euo pipefail
cd "$(dirname "$0")"

# 固定 dangjian 的版本，升级时改这里（也可用环境变量 DANGJIAN_SPEC 指定安装来源，如内网镜像上的 wheel）
DANGJIAN_VERSION="${DANGJIAN_VERSION:-@@VERSION@@}"
DANGJIAN_SPEC="${DANGJIAN_SPEC:-dangjian==${DANGJIAN_VERSION}}"

build() {
  # “最后更新”日期来自 git 历史：浅克隆会缺历史，先补全
  if [ "$(git rev-parse --is-shallow-repository 2>/dev/null || echo false)" = "true" ]; then
    git fetch --unshallow --quiet
  fi
  # DANGJIAN_INSTALL=no：使用已经装好的 dangjian
  if [ "${DANGJIAN_INSTALL:-yes}" != "no" ]; then
    python3 -m venv .ci-venv
    # shellcheck disable=SC1091
    . .ci-venv/bin/activate
    python -m pip install --quiet "${DANGJIAN_SPEC}"
  fi
  dangjian --version
  dangjian check
  dangjian build
  dangjian pack --no-build
  for zip in build/dist/*.zip; do
    dangjian verify "$zip"
  done
}

# 发布到内网服务器：rsync 到新的版本目录，再用符号链接原子切换（访问者不会看到半新半旧的网站）。
# 需要的环境变量：
#   DEPLOY_TARGET        部署账号、主机和目录，如 deploy@10.1.2.3:/srv/dangjian
#   DEPLOY_SSH_KEY       （可选）部署私钥的内容；不设则用本机已有的 ssh 配置
#   DEPLOY_KNOWN_HOSTS   （可选）服务器的 known_hosts 行（ssh-keyscan 主机 的输出）
# 服务器上 nginx 的网站目录指向 <目录>/site（见 dangjian 的 deploy/README.md）。
publish() {
  : "${DEPLOY_TARGET:?请设置 DEPLOY_TARGET，如 deploy@10.1.2.3:/srv/dangjian}"
  local host="${DEPLOY_TARGET%%:*}" root="${DEPLOY_TARGET#*:}"
  local ssh_cmd="ssh -o BatchMode=yes"
  if [ -n "${DEPLOY_SSH_KEY:-}" ]; then
    local key
    key="$(mktemp)"
    trap 'rm -f "$key"' EXIT
    printf '%s\n' "$DEPLOY_SSH_KEY" >"$key"
    chmod 600 "$key"
    ssh_cmd="$ssh_cmd -i $key"
  fi
  if [ -n "${DEPLOY_KNOWN_HOSTS:-}" ]; then
    mkdir -p ~/.ssh
    printf '%s\n' "$DEPLOY_KNOWN_HOSTS" >>~/.ssh/known_hosts
  fi
  # 每次发布一个新目录：同一提交的每日定时构建也不会改动正在使用的目录
  local version
  version="$(date -u +%Y%m%d%H%M%S)-$(git rev-parse --short HEAD)"
  rsync -a --delete -e "$ssh_cmd" build/site/ "$host:$root/releases/$version/"
  $ssh_cmd "$host" "ln -sfn '$root/releases/$version' '$root/site.new' && mv -T '$root/site.new' '$root/site'"
  rsync -a -e "$ssh_cmd" build/dist/ "$host:$root/site-downloads/"
  echo "已发布：$host:$root/site -> releases/$version"
}

case "${1:-build}" in
  build) build ;;
  publish) publish ;;
  *)
    echo "用法：bash ci.sh [build|publish]" >&2
    exit 2
    ;;
esac
