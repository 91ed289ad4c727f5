/*
 * gen-names.c: the word lists erpsim-gen builds its names from (cities,
 * company words, people, products). Made up for this project; any likeness
 * to a real company other than 联想 (the vendor manual's example) is chance.
 */
#include "config.h"

#include <stddef.h>

#include "gen-names.h"

/* Customer classes (regions). parent < 0 means under the root '00000'. */
const struct gen_class gen_regions[] = {
	{ "华北区", "01", -1 },
	{ "华东区", "02", -1 },
	{ "华南区", "03", -1 },
	{ "西南区", "04", -1 },
	{ "华中区", "05", -1 },
	{ "上海", "0201", 1 },
	{ "浙江", "0202", 1 },
	{ "江苏", "0203", 1 },
};
const size_t gen_nregions = sizeof(gen_regions) / sizeof(gen_regions[0]);

/* Cities with their telephone area code and the (leaf) class they belong to. */
const struct gen_city gen_cities[] = {
	{ "北京", "010", 0 }, { "天津", "022", 0 }, { "石家庄", "0311", 0 },
	{ "太原", "0351", 0 }, { "济南", "0531", 0 }, { "青岛", "0532", 0 },
	{ "上海", "021", 5 },
	{ "杭州", "0571", 6 }, { "宁波", "0574", 6 }, { "温州", "0577", 6 },
	{ "绍兴", "0575", 6 }, { "金华", "0579", 6 },
	{ "南京", "025", 7 }, { "苏州", "0512", 7 }, { "无锡", "0510", 7 },
	{ "常州", "0519", 7 },
	{ "广州", "020", 2 }, { "深圳", "0755", 2 }, { "东莞", "0769", 2 },
	{ "佛山", "0757", 2 }, { "厦门", "0592", 2 }, { "福州", "0591", 2 },
	{ "成都", "028", 3 }, { "重庆", "023", 3 }, { "昆明", "0871", 3 },
	{ "贵阳", "0851", 3 },
	{ "武汉", "027", 4 }, { "长沙", "0731", 4 }, { "郑州", "0371", 4 },
	{ "南昌", "0791", 4 }, { "合肥", "0551", 4 },
};
const size_t gen_ncities = sizeof(gen_cities) / sizeof(gen_cities[0]);

const char *const gen_brands[] = {
	"恒达", "鑫源", "宏图", "金桥", "华联", "永盛", "天成", "瑞丰", "博远", "汇通",
	"正泰", "新锐", "长虹桥", "凯盛", "同创", "明辉", "嘉禾", "众信", "佳讯", "锦程",
	"昊天", "兴隆", "东方红日", "蓝海", "启航", "德润", "万家", "益达", "联创", "盛世",
	"和信", "中讯", "银河", "星辰", "卓越", "华美", "广源", "润泽", "腾飞", "安泰",
	"信达", "富康", "飞扬", "创维达", "融汇", "美达", "佳和", "宏远", "世纪星", "荣昌",
	"凯旋", "天宇", "新世纪", "鼎盛", "宇航", "顺达", "金穗", "正阳", "晨光", "泰和",
	"华强", "海纳", "恒信", "诚信达", "百川", "君安", "亿通", "鸿运", "智联", "长城桥",
	"新概念", "金鼎", "瑞祥", "利通", "千禧", "华夏达", "远航", "三鑫", "康达", "大业",
};
const size_t gen_nbrands = sizeof(gen_brands) / sizeof(gen_brands[0]);

const char *const gen_trades[] = {
	"商贸", "数码科技", "电子", "通讯器材", "电脑", "贸易", "科技", "办公设备",
	"信息技术", "实业", "数码", "网络科技",
};
const size_t gen_ntrades = sizeof(gen_trades) / sizeof(gen_trades[0]);

const char *const gen_surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高",
};
const size_t gen_nsurnames = sizeof(gen_surnames) / sizeof(gen_surnames[0]);

const char *const gen_given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
	"勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
	"刚", "桂英", "建华", "海燕", "志强", "晓东", "春梅", "国庆", "文斌", "小红",
};
const size_t gen_ngiven = sizeof(gen_given) / sizeof(gen_given[0]);

const char *const gen_roads[] = {
	"人民路", "解放路", "中山路", "建设路", "和平路", "科技路", "文化路",
	"长江路", "黄河路", "新华路", "朝阳路", "滨江大道", "高新大道", "工业园路",
};
const size_t gen_nroads = sizeof(gen_roads) / sizeof(gen_roads[0]);

/* Product classes. */
const char *const gen_pclasses[] = {
	"电脑整机", "手机通讯", "数码配件", "办公耗材", "网络设备",
};
const size_t gen_npclasses = sizeof(gen_pclasses) / sizeof(gen_pclasses[0]);

/*
 * Product templates: class index, name, model prefix, unit, price range in
 * yuan, price step in fen, and whether quantities come in halves (sold by length).
 */
const struct gen_ptmpl gen_ptmpls[] = {
	{ 0, "笔记本电脑", "NB", "台", 3299, 8999, 10000, 0, "14英寸 i5/16G/512G" },
	{ 0, "台式主机", "PC", "台", 2599, 6999, 10000, 0, "i5/16G/1T" },
	{ 0, "液晶显示器", "LM", "台", 699, 2499, 1000, 0, "27英寸 2K" },
	{ 0, "平板电脑", "TB", "台", 1299, 3999, 10000, 0, "11英寸 128G" },
	{ 1, "智能手机", "SP", "部", 999, 5999, 10000, 0, "8G+256G" },
	{ 1, "老人手机", "OP", "部", 129, 399, 100, 0, "4G全网通" },
	{ 1, "对讲机", "WT", "台", 89, 599, 100, 0, "5W 民用" },
	{ 1, "手机保护壳", "PC", "个", 9, 59, 50, 0, "硅胶 多色" },
	{ 1, "钢化膜", "GH", "张", 5, 39, 50, 0, "高清防指纹" },
	{ 2, "数据线", "DL", "条", 9, 49, 50, 0, "USB-C 1米" },
	{ 2, "充电器", "CH", "个", 29, 149, 50, 0, "65W 氮化镓" },
	{ 2, "移动电源", "PB", "个", 59, 199, 100, 0, "20000mAh" },
	{ 2, "蓝牙耳机", "TWS", "副", 69, 599, 100, 0, "降噪 白色" },
	{ 2, "无线鼠标", "M", "个", 29, 199, 50, 0, "2.4G 静音" },
	{ 2, "机械键盘", "K", "把", 129, 599, 100, 0, "87键 青轴" },
	{ 2, "U盘", "U", "个", 19, 129, 50, 0, "64G USB3.2" },
	{ 2, "存储卡", "SD", "张", 25, 199, 50, 0, "128G A2" },
	{ 3, "A4复印纸", "A4", "箱", 109, 189, 100, 0, "70g 5包/箱" },
	{ 3, "硒鼓", "TN", "个", 89, 459, 100, 0, "黑色 标准容量" },
	{ 3, "墨盒", "INK", "个", 39, 199, 50, 0, "彩色" },
	{ 3, "针式打印纸", "ZP", "箱", 79, 169, 100, 0, "241-2 二联" },
	{ 4, "无线路由器", "R", "台", 99, 699, 100, 0, "AX3000 双频" },
	{ 4, "交换机", "SW", "台", 129, 2999, 100, 0, "24口 千兆" },
	{ 4, "超五类网线", "C5", "米", 1, 3, 10, 1, "0.5mm 无氧铜" },
	{ 4, "六类网线", "C6", "米", 2, 5, 10, 1, "0.57mm 无氧铜" },
	{ 4, "光猫", "ON", "台", 139, 399, 100, 0, "千兆 GPON" },
	{ 4, "无线AP", "AP", "台", 199, 899, 100, 0, "吸顶式 WiFi6" },
};
const size_t gen_nptmpls = sizeof(gen_ptmpls) / sizeof(gen_ptmpls[0]);

const char *const gen_pbrands[] = {
	"星耀", "极客", "致远", "雷霆", "青禾", "蓝鲸", "鹰眼", "凌云",
};
const size_t gen_npbrands = sizeof(gen_pbrands) / sizeof(gen_pbrands[0]);

const char *const gen_sale_summaries[] = {
	"", "", "", "送货上门", "客户自提", "物流发货", "顺丰快递发出",
	"门店补货", "促销活动出货", "按合同发货", "月结客户",
};
const size_t gen_nsale_summaries =
    sizeof(gen_sale_summaries) / sizeof(gen_sale_summaries[0]);

const char *const gen_return_summaries[] = {
	"质量问题退货", "包装破损退回", "滞销退货", "型号发错退回", "客户退货",
};
const size_t gen_nreturn_summaries =
    sizeof(gen_return_summaries) / sizeof(gen_return_summaries[0]);

const char *const gen_arinc_summaries[] = {
	"代垫运费", "补收差价", "安装服务费",
};
const size_t gen_narinc_summaries =
    sizeof(gen_arinc_summaries) / sizeof(gen_arinc_summaries[0]);

const char *const gen_ardec_summaries[] = {
	"销售折让", "返利冲抵货款", "质量问题折让",
};
const size_t gen_nardec_summaries =
    sizeof(gen_ardec_summaries) / sizeof(gen_ardec_summaries[0]);

const char *const gen_employees[] = {
	"张伟", "李娜", "王强", "刘洋", "陈静", "杨帆", "赵磊", "周敏",
};
const size_t gen_nemployees = sizeof(gen_employees) / sizeof(gen_employees[0]);
