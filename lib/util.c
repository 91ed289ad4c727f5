#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dz.h"

static const char *const errtext[DZ_ERR__MAX] = {
	[DZ_OK] = "成功",
	[DZ_ERR_NOMEM] = "服务器内存不足，请稍后再试",
	[DZ_ERR_INVAL] = "提交的内容有误",
	[DZ_ERR_TOOBIG] = "提交的内容过大",
	[DZ_ERR_NOTFOUND] = "找不到您要的页面或记录",
	[DZ_ERR_FORBIDDEN] = "您没有权限执行此操作",
	[DZ_ERR_CONFLICT] = "数据已被他人修改，请刷新后再试",
	[DZ_ERR_GONE] = "该链接已失效",
	[DZ_ERR_THROTTLED] = "尝试次数过多，请 15 分钟后再试",
	[DZ_ERR_AUTH] = "用户名或密码错误",
	[DZ_ERR_DB] = "数据库暂时不可用，请稍后再试",
	[DZ_ERR_ERP_CONNECT] = "ERP 连接失败",
	[DZ_ERR_ERP_TIMEOUT] = "ERP 响应超时",
	[DZ_ERR_ERP_LOGIN] = "ERP 登录失败",
	[DZ_ERR_ERP_NODB] = "ERP 中没有这个数据库",
	[DZ_ERR_ERP] = "ERP 查询失败",
	[DZ_ERR_CRYPT] = "密钥错误，无法解密",
	[DZ_ERR_IO] = "读写文件失败",
	[DZ_ERR_TEMPLATE] = "页面模板错误",
};

const char *
dz_strerror(enum dz_err e)
{
	if ((unsigned)e >= DZ_ERR__MAX || errtext[e] == NULL)
		return "未知错误";
	return errtext[e];
}

void
dz_wipe(void *p, size_t n)
{
	if (p != NULL)
		explicit_bzero(p, n);
}

long long
dz_clock_ms(void)
{
	struct timespec	ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
dz_copy(char *dst, size_t sz, const char *src)
{
	if (sz > 0)
		snprintf(dst, sz, "%s", src != NULL ? src : "");
}
