-- A small account set for erpsim's own tests (independent of erpsim-gen).
-- Declared types are SQL Server's, as the contract with erpsim-gen says.
CREATE TABLE erpsim_meta(name TEXT PRIMARY KEY, value TEXT);
INSERT INTO erpsim_meta VALUES ('database', 'V3993'), ('company', '上海测试商贸有限公司'),
	('version', '9.60');
CREATE TABLE GraspcwZt(dbname VARCHAR(50), fullname VARCHAR(100), GraspHHType INT, DogNo VARCHAR(20));
INSERT INTO GraspcwZt VALUES ('V3993', '上海测试商贸有限公司', 1, 'D0001');
CREATE TABLE sysdata(subname VARCHAR(50), SubValue VARCHAR(100));
INSERT INTO sysdata VALUES ('versionno', '9.60');
CREATE TABLE Btype(typeId VARCHAR(25) PRIMARY KEY, parid VARCHAR(25), leveal SMALLINT,
	sonnum INT, UserCode VARCHAR(26), FullName VARCHAR(66), Name NVARCHAR(30),
	Person VARCHAR(20), TelAndAddress VARCHAR(100), deleted BIT, ARTotal NUMERIC(18,4),
	APTotal MONEY, ARTotal00 NUMERIC(18,4), rate FLOAT, CreateTime DATETIME, big BIGINT);
INSERT INTO Btype VALUES
 ('00001', '00000', 1, 3, 'K', '华东客户', '华东', NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL),
 ('0000100001', '00001', 2, 0, 'K001', '上海螺丝钉五金有限公司', '螺丝钉', '张三', '021-5555 上海市', 0,
  1234.5678, 99.99, 1000, 1.5, '2024-03-01 10:20:30.123', 9000000000),
 ('0000100002', '00001', 2, 0, 'K002', '杭州西湖茶叶贸易公司', '西湖茶叶', '李四', '0571-8888', 0,
  -250.5, -12.5, 0, 0.25, '2024-12-31 23:59:59.000', 42),
 ('0000100003', '00001', 2, 0, 'K003', 'Müller & Co. 南京分公司', 'Müller', NULL, NULL, 1,
  0, 0, 0, NULL, '2023-01-15 00:00:00.000', NULL),
 ('00002', '00000', 1, 0, 'G', '供应商', '供应商', NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE TABLE Dlyndx(Vchcode INT PRIMARY KEY, Date VARCHAR(10), Number VARCHAR(50), VchType INT,
	btypeid VARCHAR(25), Total MONEY, summary VARCHAR(256), Comment NVARCHAR(256),
	draft INT, RedWord CHAR(1), RedOld CHAR(1), period INT);
INSERT INTO Dlyndx VALUES
 (1, '2024-01-05', 'XS-2024-0001', 11, '0000100001', 1200.5, '销售螺丝', NULL, 2, 'F', 'F', 1),
 (2, '2024-01-20', 'SK-2024-0001', 4, '0000100001', 500, '收款', '银行转账', 2, 'F', 'F', 1),
 (3, '2024-02-03', 'XS-2024-0002', 11, '0000100002', 88.8, '销售茶叶', NULL, 2, 'F', 'F', 2),
 (4, '2024-02-28', 'XT-2024-0001', 45, '0000100001', 100.25, '退货', NULL, 2, 'F', 'F', 2),
 (5, '2024-03-01', 'XS-2024-0003', 11, '0000100002', 66.6, '草稿', NULL, 1, 'F', 'F', 0);
CREATE TABLE DlySale(Vchcode INT, dlyorder INT, PtypeId VARCHAR(25), Qty NUMERIC(18,4),
	Price NUMERIC(18,4), Total MONEY, tax_total MONEY);
INSERT INTO DlySale VALUES
 (1, 1, 'P001', -100, 10.005, -1000.5, -1200.5),
 (3, 1, 'P002', -2, 44.4, -88.8, -88.8),
 (4, 1, 'P001', 10, 10.025, 100.25, 100.25);
